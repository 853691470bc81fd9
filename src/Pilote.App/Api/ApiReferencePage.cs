using System.Net;
using System.Text;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Pilote.App.Api;

/// <summary>
/// GET /api/reference: the API reference as one self-contained HTML page rendered on the server from the OpenAPI
/// document (no script, no CDN, nothing fetched), readable with a screen reader and printable.
/// </summary>
public static class ApiReferencePage
{
    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapGet("/api/reference", async (IServiceProvider services, CancellationToken ct) =>
        {
            var provider = services.GetRequiredKeyedService<IOpenApiDocumentProvider>(OpenApiSetup.Document);
            var doc = await provider.GetOpenApiDocumentAsync(ct);
            return Results.Content(Render(doc), "text/html; charset=utf-8");
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    public static string Render(OpenApiDocument doc)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(E(doc.Info?.Title)).Append(" — reference</title><style>")
            .Append("body{font-family:system-ui,sans-serif;max-width:64rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.45}")
            .Append("code,.path{font-family:ui-monospace,monospace}.op{border:1px solid #ccc;border-radius:6px;margin:1rem 0;padding:.5rem 1rem}")
            .Append(".m{display:inline-block;min-width:4.5rem;font-weight:700;color:#fff;border-radius:4px;padding:0 .4rem;text-align:center}")
            .Append(".GET{background:#1f5f99}.POST{background:#1d6b35}.PATCH{background:#7a4a00}.PUT{background:#5b3a91}.DELETE{background:#9b1c1c}")
            .Append("table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left;vertical-align:top}")
            .Append("nav ul{columns:2}</style></head><body>");
        html.Append("<h1>").Append(E(doc.Info?.Title)).Append(' ').Append(E(doc.Info?.Version)).Append("</h1>");
        html.Append("<p>").Append(E(doc.Info?.Description)).Append("</p>");
        html.Append("<p>Machine-readable document: <a href=\"/openapi/v1.json\">/openapi/v1.json</a>.</p>");
        if (doc.Components?.SecuritySchemes is { Count: > 0 } schemes)
        {
            html.Append("<h2>Authentication</h2><ul>");
            foreach (var (name, s) in schemes)
                html.Append("<li><strong>").Append(E(name)).Append("</strong>: ").Append(E(s.Description)).Append("</li>");
            html.Append("</ul>");
        }
        var operations = (doc.Paths ?? []).SelectMany(p => (p.Value.Operations ?? []).Select(o => (Path: p.Key, Method: o.Key.Method, Op: o.Value)))
            .OrderBy(o => o.Path, StringComparer.Ordinal).ThenBy(o => MethodOrder(o.Method)).ToList();
        html.Append("<nav aria-label=\"Endpoints\"><h2>Endpoints</h2><ul>");
        foreach (var o in operations)
            html.Append("<li><a href=\"#").Append(Anchor(o.Method, o.Path)).Append("\">").Append(o.Method).Append(' ').Append(E(o.Path)).Append("</a></li>");
        html.Append("</ul></nav><main>");
        foreach (var o in operations)
        {
            html.Append("<section class=\"op\" id=\"").Append(Anchor(o.Method, o.Path)).Append("\"><h3><span class=\"m ").Append(o.Method).Append("\">")
                .Append(o.Method).Append("</span> <span class=\"path\">").Append(E(o.Path)).Append("</span></h3>");
            if (!string.IsNullOrEmpty(o.Op.Summary))
                html.Append("<p>").Append(E(o.Op.Summary)).Append("</p>");
            if (o.Op.Parameters is { Count: > 0 } parameters)
            {
                html.Append("<table><caption>Parameters</caption><tr><th scope=\"col\">Name</th><th scope=\"col\">In</th><th scope=\"col\">Required</th><th scope=\"col\">Description</th></tr>");
                foreach (var p in parameters)
                    html.Append("<tr><td><code>").Append(E(p.Name)).Append("</code></td><td>").Append(E(p.In?.ToString().ToLowerInvariant()))
                        .Append("</td><td>").Append(p.Required ? "yes" : "no").Append("</td><td>").Append(E(p.Description)).Append("</td></tr>");
                html.Append("</table>");
            }
            if (o.Op.RequestBody?.Content is { Count: > 0 } content)
                html.Append("<p>Body: ").Append(E(string.Join(", ", content.Keys))).Append(' ')
                    .Append(E(string.Join(", ", content.Values.Select(c => SchemaName(c.Schema)).Where(n => n.Length > 0)))).Append("</p>");
            if (o.Op.Responses is { Count: > 0 } responses)
            {
                html.Append("<table><caption>Responses</caption><tr><th scope=\"col\">Status</th><th scope=\"col\">Meaning</th></tr>");
                foreach (var (status, r) in responses.OrderBy(r => r.Key, StringComparer.Ordinal))
                    html.Append("<tr><td>").Append(E(status)).Append("</td><td>").Append(E(r.Description))
                        .Append(r.Content is { Count: > 0 } c ? " — " + E(string.Join(", ", c.Values.Select(v => SchemaName(v.Schema)).Where(n => n.Length > 0).Distinct())) : "")
                        .Append("</td></tr>");
                html.Append("</table>");
            }
            html.Append("</section>");
        }
        html.Append("</main></body></html>");
        return html.ToString();
    }

    private static string SchemaName(IOpenApiSchema? schema) => schema switch
    {
        OpenApiSchemaReference r => r.Reference.Id ?? "",
        { Type: JsonSchemaType.Array, Items: { } items } => SchemaName(items) + "[]",
        _ => "",
    };

    private static int MethodOrder(string method) => method switch { "GET" => 0, "POST" => 1, "PUT" => 2, "PATCH" => 3, _ => 4 };

    private static string Anchor(string method, string path) =>
        method.ToLowerInvariant() + new string([.. path.Select(c => char.IsLetterOrDigit(c) ? c : '-')]);
}
