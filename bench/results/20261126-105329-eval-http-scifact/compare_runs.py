import sys,gzip,os
def load(d,m):
    p=os.path.join(d,f'run-{m}.trec'); f=open(p) if os.path.exists(p) else gzip.open(p+'.gz','rt')
    return [tuple(l.split()[:4]) for l in f]
a,b=sys.argv[1],sys.argv[2]
for m in ['vector','keyword','hybrid']:
    x,y=load(a,m),load(b,m)
    sx,sy=set((q,d,r) for q,_,d,r in x),set((q,d,r) for q,_,d,r in y)
    print(m,len(x),len(y),'differ',len(sx-sy),len(sy-sx))
