from proto import *
import sys
def show(p):
    for key in sorted(LAB):
        base=os.path.basename(key); times,counts=load(base)
        a=detect(times,counts,p); wins=N.window_indices(times,LAB[key],key)
        out=[]
        for i,x in enumerate(a):
            if not x or i<750: continue
            w=[k for k,(l,r) in enumerate(wins) if l<=i<=r]
            out.append(('W%d'%w[0] if w else 'FP')+':%d'%i)
        print(' ',base[15:19],' '.join(out))
for arg in sys.argv[1:]:
    p=dict(DEF); p.update(eval(arg)); print(arg); show(p)
