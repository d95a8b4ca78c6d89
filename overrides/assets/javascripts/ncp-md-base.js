/* Material for MkDocs 9.8, partials/javascripts/base.html, moved out of the page for the
   Content-Security-Policy (no inline scripts). The scope comes from this script tag's
   data-md-scope attribute (Material wrote it into the inline script). */
__md_scope=new URL(document.currentScript.dataset.mdScope,location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
