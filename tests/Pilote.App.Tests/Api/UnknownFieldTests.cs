using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Pilote.App.Tests.Api;

/// <summary>
/// A field the endpoint does not know (a typo such as <c>stauts</c>) is refused with a 400 naming it: ignored, it let a
/// script believe it had changed something.
/// </summary>
public sealed class UnknownFieldTests
{
    [Fact]
    public async Task A_mistyped_field_is_refused_by_name_and_changes_nothing()
    {
        await using var host = await ApiHost.StartAsync("sqlite");
        var http = host.Client(Caller.Editor);
        using var before = await http.GetAsync($"/api/v1/actions/{host.ActionA}");
        var status = (await before.JsonAsync()).Str("status");

        using var typo = await http.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/actions/{host.ActionA}")
            .Json(new { stauts = "done" }).IfMatch(before.ETag()));

        Assert.Equal(HttpStatusCode.BadRequest, typo.StatusCode);
        Assert.Equal("application/problem+json", typo.Content.Headers.ContentType?.MediaType);
        var why = Assert.Single((await typo.JsonAsync()).GetProperty("errors").GetProperty("stauts").EnumerateArray()).GetString()!;
        Assert.Contains("unknown field", why, StringComparison.Ordinal);
        Assert.DoesNotContain("Pilote.", why, StringComparison.Ordinal);
        // The nearest field it takes, and the list of them, so the author fixes the script from the answer alone.
        Assert.Contains("did you mean 'status'?", why, StringComparison.Ordinal);
        var takes = why[(why.IndexOf("this request takes ", StringComparison.Ordinal) + "this request takes ".Length)..].Split(", ");
        Assert.Contains("status", takes);
        Assert.Contains("owner", takes);
        Assert.Contains("title", takes);
        using var after = await http.GetAsync($"/api/v1/actions/{host.ActionA}");
        Assert.Equal(before.ETag(), after.ETag());
        Assert.Equal(status, (await after.JsonAsync()).Str("status"));

        // Inside a list, the path says which item: the push stores nothing.
        using var push = new HttpRequestMessage(HttpMethod.Post, "/api/v1/measurements")
            .Json(new { measurements = new object[] { new { action = host.ActionA, metric = "leads", date = "2026-11-02", valeur = 3 } } });
        push.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var pushed = await http.SendAsync(push);
        Assert.Equal(HttpStatusCode.BadRequest, pushed.StatusCode);
        Assert.True((await pushed.JsonAsync()).GetProperty("errors").TryGetProperty("measurements[0].valeur", out _), await pushed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Every_json_body_of_the_api_refuses_an_unknown_field()
    {
        await using var host = await ApiHost.StartAsync("sqlite");
        var http = host.Client(Caller.Admin);
        var writes = host.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/v1", StringComparison.Ordinal))
            .Where(e => e.Metadata.OfType<IAcceptsMetadata>().Any(a => a.RequestType is not null && a.ContentTypes.Contains("application/json")))
            .ToList();
        // Every endpoint that reads a JSON body today: a new one is covered by this test as soon as it is mapped.
        Assert.True(writes.Count >= 11, $"only {writes.Count} endpoints take a JSON body");
        foreach (var endpoint in writes)
        {
            var method = endpoint.Metadata.GetRequiredMetadata<IHttpMethodMetadata>().HttpMethods.Single();
            var path = endpoint.RoutePattern.RawText!.Replace("{id:int}", host.ActionA.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{kpi}", "leads", StringComparison.Ordinal);
            using var request = new HttpRequestMessage(new HttpMethod(method), path)
            {
                Content = new StringContent("""{"zzUnknown": "x"}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.TryAddWithoutValidation("If-Match", "W/\"v1\"");
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {path}: {(int)response.StatusCode} {body}");
            var errors = (await response.JsonAsync()).GetProperty("errors");
            Assert.True(errors.TryGetProperty("zzUnknown", out var said), $"{method} {path}: {body}");
            // Each answer lists what that request takes; nothing is near "zzUnknown".
            Assert.Contains("; this request takes ", said[0].GetString(), StringComparison.Ordinal);
            Assert.DoesNotContain("did you mean", said[0].GetString(), StringComparison.Ordinal);
        }
    }
}
