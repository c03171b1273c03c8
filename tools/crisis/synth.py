import numpy as np, math
from datetime import datetime, timedelta
from proto import *
def series(days, base, weekend=1.0, seed=1, amp=0.7):
    rng=np.random.default_rng(seed); t0=datetime(2024,1,1)  # Monday
    times=[t0+timedelta(minutes=5*i) for i in range(days*288)]
    lam=[base*(1+amp*math.sin(2*math.pi*(t.hour+t.minute/60-9)/24))*(weekend if t.weekday()>=5 else 1) for t in times]
    return times, list(rng.poisson(lam))
import sys
for wk in [1.0,0.7,0.5,0.3]:
  for base in [0.3,3,30,300]:
    times,c=series(28,base,wk)
    for extra in [dict(), dict(weekday=True)]:
        p=dict(DEF); p.update(extra)
        a=detect(times,c,p)
        print('weekend',wk,'base',base,extra,'alerts',[ (i//288, times[i].strftime('%a %H:%M')) for i,x in enumerate(a) if x])
print('--- spikes')
for base in [0.3,3,30,300]:
    for mult,dur in [(2,6),(3,1),(3,6),(5,1),(2,24)]:
        times,c=series(14,base,0.6,seed=2)
        i0=10*288+14*12
        c=list(c)
        for i in range(i0,i0+dur): c[i]=np.random.default_rng(i).poisson(base*mult*1.0+ (10 if base<1 else 0))
        p=dict(DEF); p.update(eval(sys.argv[1]) if len(sys.argv)>1 else {}); a=detect(times,c,p)
        hits=[i-i0 for i,x in enumerate(a) if x]
        print('base',base,'x',mult,'dur',dur,'alerts rel',hits)
