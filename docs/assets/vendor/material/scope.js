// Material for MkDocs 9.8.2 (MIT, ./LICENSE), as a file: the Content-Security-Policy allows no inline script.
// Material 9.8.2 partials/javascripts/base.html. Changed: the scope is the site root found from the
// address of the script running it, not a base URL written into the page: this file is built into
// assets/bundles/start.<hash>.js (hooks/atlas/bundles/), two folders below the root.
__md_scope=new URL("../../",document.currentScript.src),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
