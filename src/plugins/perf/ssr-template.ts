/**
 * The HTML template of every built page (`ssrTemplate` in
 * docusaurus.config.ts): Docusaurus's own (core/lib/ssg/ssgTemplate.html.js)
 * with one change. Docusaurus loads its scripts with `<script defer>` in the
 * head; on a fast connection they arrive before the first frame, and Chromium
 * runs them (hundreds of milliseconds of evaluation on a phone) before it
 * paints the server-rendered text, so the page's largest paint waits for the
 * JavaScript it does not need. Here the scripts are requested and started, in
 * order, once the browser reports the first contentful paint (Paint Timing;
 * without it, right after the first frame): the content paints first,
 * hydration follows. Waiting for the paint entry rather than the frame
 * matters where a frame is presented late (measured in headless Chromium: the
 * first frame's paint was reported 1.0–1.1 s after its animation frame, with
 * every script already requested, so the largest paint counted all of them);
 * should no contentful paint come, the scripts start three seconds after the
 * first frame (one second was too short: on a slow run the fallback fired
 * before the paint was reported, and Lighthouse's mobile LCP went from 0.9 to
 * 2.0–2.4 s on the runbook and ADR pages). They are not preloaded: a preload competes with the stylesheet for
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
      var started = false;
      function startOnce() {
        if (started) return;
        started = true;
        start();
      }
      if (document.visibilityState === 'hidden' || typeof requestAnimationFrame !== 'function') return startOnce();
      var paintTiming = typeof PerformanceObserver === 'function' && (PerformanceObserver.supportedEntryTypes || []).indexOf('paint') >= 0;
      if (paintTiming) {
        new PerformanceObserver(function (list, observer) {
          if (list.getEntriesByName('first-contentful-paint').length === 0) return;
          observer.disconnect();
          startOnce();
        }).observe({ type: 'paint', buffered: true });
      }
      requestAnimationFrame(function () { setTimeout(startOnce, paintTiming ? 3000 : 0); });
    })();</script>
    <%~ it.postBodyTags %>
  </body>
</html>
`;
