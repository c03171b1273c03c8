import numpy as np, math, sys
src=open('/work/main/tools/crisis/proto.py').read()
src=src.replace("            zs.append(z if novel[k] else","            if DBG is not None and n-1 in DBG: print('i',n-1,'k',k,'s',s,'y %.2f base %.2f scale %.2f z %.1f peak %.1f q %.1f'%(y,base,scale,z,peak[k],qz[k]))\n            zs.append(z if novel[k] else")
ns={'DBG':None}; exec(compile(src,'p','exec'),ns)
from datetime import datetime, timedelta
t0=datetime(2024,1,1); base=float(sys.argv[1]); wk=float(sys.argv[2]); amp=float(sys.argv[3])
times=[t0+timedelta(minutes=5*i) for i in range(14*288)]
rng=np.random.default_rng(2)
lam=[base*(1+amp*math.sin(2*math.pi*(t.hour+t.minute/60-9)/24))*(wk if t.weekday()>=5 else 1) for t in times]
c=list(rng.poisson(lam)); i0=10*288+14*12
ns['DBG']=set([i0-1])
p=dict(ns['DEF']); p.update(eval(sys.argv[4]) if len(sys.argv)>4 else {})
ns['detect'](times,c,p)
