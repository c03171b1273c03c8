import itertools, sys
from proto import *
grid = eval(sys.argv[1])
keys=list(grid)
rows=[]
for vals in itertools.product(*[grid[k] for k in keys]):
    p=dict(DEF); p.update(zip(keys,vals)); p['crisis']=max(p['warn']+0.01,p['crisis'])
    t=score(p); rows.append((t['standard'],t['reward_low_FP_rate'],t['reward_low_FN_rate'],vals))
rows.sort(reverse=True)
for r in rows[:12]: print('%.1f %.1f %.1f'%r[:3], dict(zip(keys,r[3])))
