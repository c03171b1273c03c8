#!/usr/bin/env python3
"""Prototype of the crisis detector (for tuning); the Swift port is the product."""
import csv, json, math, sys, os
from datetime import datetime
sys.path.insert(0, '/work/shared/bench/crisis')
import nab_score as N

D = '/work/shared/bench/crisis'
LAB = json.load(open(os.path.join(D, 'labels_windows.json')))

def load(base):
    rows = list(csv.reader(open(os.path.join(D, base))))[1:]
    return [datetime.fromisoformat(r[0]) for r in rows], [int(r[1]) for r in rows]

DEF = dict(windows=(1, 6, 24), halflife=864, warn=6.0, crisis=10.0, endz=1.0, minvol=10, cooldown=288,
           clip=8.0, warmup=288, season_hl=7, endbuckets=6, seasonal=True, peak_hl=2016, peak_ratio=1.0, weekday=False, week_hl=2.0, transform='sqrt', floor_mult=1.0, qtau=0.01, qeta=0.1, qmargin=2.0, hw=True, dev_hl=0, crisis_breaks=False)

def detect(times, counts, p):
    ks = p['windows']; K = max(ks)
    ring = [0]*K; pos = 0; n = 0
    a = 1 - 0.5 ** (1.0 / p['halflife'])
    mu = {k: None for k in ks}; dev = {k: 0.5 for k in ks}
    # seasonal offsets by hour of day, per window, in Anscombe units
    sa = 1 - 0.5 ** (1.0 / (p['season_hl'] * 12))  # updated 12 times per hour slot per day
    seas = {k: [0.0]*24 for k in ks}
    nup = {k: 0 for k in ks}; wup = {k: [0]*7 for k in ks}; mup = {k: [0]*24 for k in ks}
    da = 1 - 0.5 ** (1.0 / p['dev_hl']) if p['dev_hl'] else None
    wk = {k: [0.0]*7 for k in ks}
    wa = 1 - 0.5 ** (1.0 / (p['week_hl'] * 288))
    pd = 0.5 ** (1.0 / p['peak_hl']); peak = {k: 0.0 for k in ks}; novel = {}; qz = {k: 2.0 for k in ks}
    out = []
    state = 0; calm = 0; cool = 0
    for t, c in zip(times, counts):
        ring[pos] = c; pos = (pos + 1) % K; n += 1
        h = t.hour; wd = t.weekday()
        zs = []; vols = []
        for k in ks:
            s = sum(ring[(pos - i - 1) % K] for i in range(k)) if n >= k else None
            if s is None: continue
            y = math.sqrt(s + 0.375) if p['transform']=='sqrt' else math.log(s + 1)
            if mu[k] is None:
                mu[k] = y
            base = mu[k] + (seas[k][h] if p['seasonal'] else 0) + (wk[k][wd] if p['weekday'] else 0)
            scale = max(1.25 * dev[k], (0.5 if p['transform']=='sqrt' else 1/math.sqrt(max(math.exp(base)-1,0)+1)) * p['floor_mult'])
            z = (y - base) / scale
            novel[k] = z >= peak[k] * p['peak_ratio'] and (p['qtau'] == 0 or z >= qz[k] + p['qmargin'])
            if p['qtau']: qz[k] += p['qeta'] * ((1 - p['qtau']) if z > qz[k] else -p['qtau'])
            peak[k] = max(peak[k] * pd, z)
            zs.append(z if novel[k] else min(z, p['warn'] - 0.01)); vols.append((s, k))
            # robust update: clip the residual
            r = max(-p['clip'], min(p['clip'], z)) * scale
            if p['hw']:
                nup[k] += 1; mup[k][h] += 1
                ak = max(a, 1.0 / nup[k]); sk = max(sa, 1.0 / mup[k][h]); dk = max(da or a, 1.0 / nup[k])
                yc = base + r
                dev[k] += dk * (abs(r) - dev[k])
                wkv = wk[k][wd] if p['weekday'] else 0.0
                mu[k] += ak * (yc - mu[k] - seas[k][h] - wkv)
                seas[k][h] += sk * ((yc - mu[k] - wkv) - seas[k][h])
                if p['weekday']:
                    wup[k][wd] += 1; wkk = max(wa, 1.0 / wup[k][wd])
                    wk[k][wd] += wkk * ((yc - mu[k] - seas[k][h]) - wk[k][wd])
            else:
                mu[k] += a * r
                dev[k] += a * (abs(r) - dev[k])
                seas[k][h] += sa * (r - seas[k][h])
            wk[k][wd] += wa * (r - wk[k][wd])
        alert = False
        if n > p['warmup'] and zs:
            zmax = max([z for z, (s, k) in zip(zs, vols) if s >= p['minvol']] or [-9])
            if cool > 0: cool -= 1
            if state == 0:
                if zmax >= p['warn'] and (cool == 0 or (p['crisis_breaks'] and zmax >= p['crisis'])):
                    state = 2 if zmax >= p['crisis'] else 1
                    alert = True; calm = 0
            else:
                if state == 1 and zmax >= p['crisis']:
                    state = 2; alert = True
                if max(zs) < p['endz']:
                    calm += 1
                    if calm >= p['endbuckets']:
                        state = 0; cool = p['cooldown']
                else:
                    calm = 0
        out.append(alert)
    return out

def score(p, verbose=False):
    res = {}
    for key in sorted(LAB):
        base = os.path.basename(key)
        times, counts = load(base)
        alerts = detect(times, counts, p)
        wins = N.window_indices(times, LAB[key], key)
        res[key] = {pr: N.score_file(alerts, wins, w) for pr, w in N.PROFILES.items()}
        if verbose:
            s = res[key]['standard']
            print(base, 'alerts', sum(alerts), 'det', s['detected'], '/', s['windows'], 'fp', s['fp_rows'], 'raw %.2f' % s['raw'])
    tot = {}
    for pr, w in N.PROFILES.items():
        raw = sum(res[k][pr]['raw'] for k in res); nw = sum(res[k][pr]['windows'] for k in res)
        tot[pr] = N.normalise(raw, nw, w)
    return tot

if __name__ == '__main__':
    p = dict(DEF)
    for a in sys.argv[1:]:
        k, v = a.split('='); p[k] = type(DEF[k])(eval(v)) if not isinstance(DEF[k], tuple) else eval(v)
    t = score(p, True)
    print(' '.join('%s=%.1f' % (N.SHORT[k], v) for k, v in t.items()))
