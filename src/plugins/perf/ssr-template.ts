/**
 * The HTML template of every built page (`ssrTemplate` in
 * docusaurus.config.ts): Docusaurus's own (core/lib/ssg/ssgTemplate.html.js)
 * with one change. Docusaurus loads its scripts with `<script defer>` in the
 * head; on a fast connection they arrive before the first frame, and Chromium
 * runs them (hundreds of milliseconds of evaluation on a phone) before it
 * paints the server-rendered text, so the page's largest paint waits for the
 * JavaScript it does not need. Here the scripts are requested and started, in
 * order, right after the first frame: the content paints first, hydration
 * follows. They are not preloaded: a preload competes with the stylesheet for
 * a slow connection and puts the script back on the path to the first paint.
 * A hidden tab (no frames) starts them at once.
 */
export const ssrTemplate = `<!DOCTYPE html>
<html <%~ it.htmlAttributes %>>
  <head>
    <meta charset="UTF-8">
    <meta name="generator" content="Docusaurus v<%= it.version %>">
    <% it.metaAttributes.forEach((metaAttribute) => { %>
      <%~ metaAttribute %>
    <% }); %>
    <%~ it.headTags %>
    <% it.stylesheets.forEach((stylesheet) => { %>
      <link rel="stylesheet" href="<%= it.baseUrl %><%= stylesheet %>" />
    <% }); %>
  </head>
  <body <%~ it.bodyAttributes %>>
    <%~ it.preBodyTags %>
    <div id="__docusaurus"><%~ it.appHtml %></div>
    <script>(function () {
      var scripts = <%~ JSON.stringify(it.scripts.map(function (script) { return it.baseUrl + script; })) %>;
      function start() {
        scripts.forEach(function (src) {
          var script = document.createElement('script');
          script.src = src;
          script.async = false;
          document.body.appendChild(script);
        });
      }
      if (document.visibilityState === 'hidden' || typeof requestAnimationFrame !== 'function') start();
      else requestAnimationFrame(function () { setTimeout(start, 0); });
    })();</script>
    <%~ it.postBodyTags %>
  </body>
</html>
`;
