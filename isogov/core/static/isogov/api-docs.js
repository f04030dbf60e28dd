// The API's interactive docs (isogov/templates/api/docs.html): Swagger UI on the schema, with the session's CSRF
// token on the requests "Try it out" sends, so that a signed-in person can try writes too.
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  var csrf = root.getAttribute("data-csrf-token");
  window.ui = SwaggerUIBundle({
    url: root.getAttribute("data-schema-url"),
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: "BaseLayout",
    requestInterceptor: function (request) {
      request.headers["X-CSRFToken"] = csrf;
      return request;
    }
  });
})();
