// Material for MkDocs 9.8.2 (MIT, ./LICENSE), as a file: the Content-Security-Policy allows no inline script.
// Material 9.8.2 partials/javascripts/content.html (without content.tabs.link, which this site does not use).
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
