#!/usr/bin/env python3
# Writes the release fixtures of this folder: JSON laid out as Go's encoding/json writes Helm's
# release structs (field order, omitempty, sorted map keys, HTML escaping), built by hand from the
# struct definitions of Helm v4.2.3 (pkg/release/v1, pkg/chart/v2). Not Helm output.
# Run from this folder: python3 make_fixtures.py
# full.go.b64 and minimal.go.b64 are these JSON files decoded and re-encoded by a small Go 1.19
# program with the same struct tags, gzipped at BestCompression and base64-encoded as Helm's
# encodeRelease does; that program re-encoded both JSON files byte for byte, and decoded the
# records Rudder encodes.
import json, base64, gzip, sys
def go(o):
    s = json.dumps(o, separators=(',',':'), ensure_ascii=False)
    return s.replace('<','\\u003c').replace('>','\\u003e').replace('&','\\u0026').replace('\u2028','\\u2028').replace('\u2029','\\u2029')
b = lambda t: base64.b64encode(t.encode()).decode()
def gomap(d):  # Go writes map keys sorted
    return {k: (gomap(v) if isinstance(v, dict) else v) for k, v in sorted(d.items())}
full = {
 "name":"web",
 "info":{"first_deployed":"2026-11-26T13:17:05.123456789+01:00","last_deployed":"2026-11-26T14:00:00.5Z","deleted":"2026-11-27T00:00:00Z","description":"Upgrade complete","status":"superseded","notes":"Visit <http://x> & enjoy \u2028\n"},
 "chart":{
   "metadata":{"name":"web","home":"https://example.com","sources":["https://github.com/x/web"],"version":"1.2.3","description":"A web <app>","keywords":["web","http"],"maintainers":[{"name":"Ann","email":"ann@example.com"},{"name":"Bob","url":"https://bob.example"}],"icon":"https://example.com/i.png","apiVersion":"v2","condition":"web.enabled","tags":"front","appVersion":"2.0.0","deprecated":True,"annotations":gomap({"category":"Web","a/b":"1"}),"kubeVersion":">=1.20.0-0","dependencies":[{"name":"redis","version":"~17.0","repository":"https://charts.example.com","condition":"redis.enabled","tags":["cache"],"enabled":True,"import-values":["data",gomap({"parent":"y","child":"x"})],"alias":"cache"},{"name":"lib","repository":""}],"type":"application"},
   "lock":{"generated":"2026-01-02T03:04:05.06-07:00","digest":"sha256:abc","dependencies":[{"name":"redis","version":"17.0.1","repository":"https://charts.example.com"}]},
   "templates":[{"name":"templates/deploy.yaml","data":b("kind: Deployment\n"),"modtime":"2026-11-20T10:00:00.000000001Z"},{"name":"templates/_helpers.tpl","data":b("{{/* x */}}"),"modtime":"2026-11-20T10:00:00Z"}],
   "values":gomap({"image":{"tag":"1.25","repository":"nginx"},"replicas":3,"ratio":0.5,"big":1e21,"list":[1,"two",None,True],"html":"<b>&</b>","empty":{}}),
   "schema":b('{"type":"object"}'),
   "schemamodtime":"2026-11-20T10:00:01+05:30",
   "files":[{"name":"README.md","data":b("# Web\n")},{"name":"empty.txt","data":""}],
   "modtime":"2026-11-20T09:59:59.9Z"},
 "config":gomap({"replicas":5,"image":{"tag":"1.26"}}),
 "manifest":"---\n# Source: web/templates/deploy.yaml\nkind: Deployment\n",
 "hooks":[
   {"name":"migrate","kind":"Job","path":"web/templates/job.yaml","manifest":"kind: Job\n","events":["pre-install","pre-upgrade"],"last_run":{"started_at":"2026-11-26T13:17:06Z","completed_at":"2026-11-26T13:17:09.25Z","phase":"Succeeded"},"weight":-5,"delete_policies":["before-hook-creation","hook-succeeded"],"output_log_policies":["hook-failed"]},
   {"name":"test","kind":"Pod","path":"web/templates/test.yaml","manifest":"kind: Pod\n","events":["test"],"last_run":{"phase":""}}],
 "version":4,
 "namespace":"prod",
 "apply_method":"ssa"}
minimal = {
 "name":"m",
 "info":{"first_deployed":"2026-11-26T13:17:05Z","last_deployed":"2026-11-26T13:17:05Z","description":"Install complete","status":"deployed"},
 "chart":{"metadata":{"name":"m","version":"0.1.0","apiVersion":"v2"},"lock":None,"templates":None,"values":None,"schema":None,"schemamodtime":"0001-01-01T00:00:00Z","files":None},
 "version":1,
 "namespace":"default"}
open('full.json','w').write(go(full))
open('minimal.json','w').write(go(minimal))
open('minimal.plain.b64','w').write(base64.b64encode(go(minimal).encode()).decode())
open('full.gzip.b64','w').write(base64.b64encode(gzip.compress(go(full).encode(), 9)).decode())
