// Inlined in every reader's <head> by core/inline.py (allowed by its CSP hash): the text size the reader chose with A-/A+ (site.js), set before the first paint.
try{var c=localStorage.getItem("co-chu");if(/^-?[0-9]$/.test(c))document.documentElement.setAttribute("data-co-chu",c)}catch(e){}
