using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Pilote.App.Tests.Cli;
using Pilote.Data;
using Pilote.Testing;

namespace Pilote.App.Tests.Web;

public sealed class HealthTests
{
    private static async Task<(HttpStatusCode Status, string? ContentType, JsonElement Body)> GetHealthAsync(DatabaseTarget target)
    {
        await using var app = WebApp.Build(target, new FixedClock(2026, 11, 22), "http://127.0.0.1:0");
        await app.StartAsync();
        try
        {
            var address = Assert.Single(app.Urls);
            using var http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
            using var response = await http.GetAsync("/health");
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Health_is_ok_when_the_database_answers(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var (status, contentType, body) = await GetHealthAsync(db.Target);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json", contentType);
        Assert.Equal("ok", body.Str("status"));
    }

    [Fact]
    public async Task Health_is_503_problem_json_when_the_database_cannot_be_reached()
    {
        var (status, contentType, body) = await GetHealthAsync(DatabaseTarget.Postgres(DatabaseFaultTests.UnreachablePostgres()));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.Equal(503, body.GetProperty("status").GetInt32());
        Assert.Equal("database unavailable", body.Str("title"));
    }
}
