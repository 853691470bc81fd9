using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pilote.Testing;

namespace Pilote.App.Tests.Api;

/// <summary>
/// Amounts read the same on every database: PostgreSQL's numeric(18,4) came back as 50000.0000 and SQLite's as 120000.0,
/// so a script comparing two Pilote instances, or a plan before and after a move to PostgreSQL, saw different JSON.
/// </summary>
public sealed class DecimalJsonTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Amounts_are_written_without_trailing_zeros_on_every_path(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        var http = host.Client(Caller.Editor);
        using var created = await http.PostAsJsonAsync($"/api/v1/plans/{host.PlanA}/actions",
            new { title = "Salon", channel = "sea", kpi = "cpl", target = "< 3,50 €", budget = "50 000", spent = "1 250,50", status = "actif" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var action = await created.JsonAsync();
        Assert.Equal("50000", action.GetProperty("budget").GetRawText());
        Assert.Equal("1250.5", action.GetProperty("spent").GetRawText());
        Assert.Equal("3.5", action.Items("kpis")[0].GetProperty("target").GetProperty("value").GetRawText());

        var id = action.GetProperty("id").GetInt32();
        using var push = new HttpRequestMessage(HttpMethod.Post, "/api/v1/measurements").Json(new
        {
            measurements = new object[]
            {
                new { action = id, metric = "spend", date = "2026-11-02", value = "120.10" },
                new { action = id, metric = "leads", date = "2026-11-02", value = "40" },
                new { action = host.ActionA, metric = "leads", date = "2026-11-03", value = "12" },
            },
        });
        push.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var pushed = await http.SendAsync(push);
        Assert.Equal(HttpStatusCode.Created, pushed.StatusCode);

        // Every read of the plan, its actions and KPIs, and the 412 that carries the current action.
        foreach (var path in new[]
        {
            "/api/v1/plans", $"/api/v1/plans/{host.PlanA}", $"/api/v1/plans/{host.PlanA}/actions", $"/api/v1/actions/{id}",
            $"/api/v1/actions/{id}/kpis", $"/api/v1/actions/{id}/kpis/cpl", $"/api/v1/plans/{host.PlanA}/objectives",
            $"/api/v1/plans/{host.PlanA}/dashboard", $"/api/v1/plans/{host.PlanA}/review", $"/api/v1/plans/{host.PlanA}/audit",
        })
        {
            using var response = await http.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            AssertPlain(path, await response.Content.ReadAsStringAsync());
        }
        using var stale = await http.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/actions/{id}").Json(new { owner = "Inès" }).IfMatch("W/\"v99\""));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        AssertPlain("412", await stale.Content.ReadAsStringAsync());
        Assert.Equal("50000", (await stale.JsonAsync()).GetProperty("current").GetProperty("budget").GetRawText());

        using var list = await http.GetAsync("/api/v1/plans");
        var plan = (await list.JsonAsync()).EnumerateArray().Single(p => p.GetProperty("id").GetInt32() == host.PlanA);
        Assert.Equal("20000", plan.GetProperty("budget").GetRawText());
    }

    /// <summary>No number in the document ends in a zero after its decimal point (50000.0000, 120000.0, 3.50).</summary>
    private static void AssertPlain(string path, string json)
    {
        var bad = new List<string>();
        Walk(JsonDocument.Parse(json).RootElement, "$", bad);
        Assert.True(bad.Count == 0, $"{path}: {string.Join(", ", bad.Take(10))}");
    }

    private static void Walk(JsonElement e, string at, List<string> bad)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                    Walk(p.Value, $"{at}.{p.Name}", bad);
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in e.EnumerateArray())
                    Walk(item, $"{at}[{i++}]", bad);
                break;
            case JsonValueKind.Number:
                var raw = e.GetRawText();
                if (raw.Contains('.', StringComparison.Ordinal) && !raw.Contains('e', StringComparison.OrdinalIgnoreCase) && raw.EndsWith('0'))
                    bad.Add($"{at} = {raw}");
                break;
        }
    }
}
