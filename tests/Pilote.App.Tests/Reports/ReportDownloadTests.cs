using System.Net;
using DocumentFormat.OpenXml.Packaging;
using Pilote.App.Tests.Api;
using Pilote.Testing;

namespace Pilote.App.Tests.Reports;

/// <summary>The web app's committee report buttons: GET /plans/{id}/rapport/{html|pptx}, behind the same gate as the plan.</summary>
public sealed class ReportDownloadTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_member_downloads_both_formats_and_nobody_else_learns_the_plan_exists(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        var viewer = host.Client(Caller.Viewer);

        using var html = await viewer.GetAsync($"/plans/{host.PlanA}/rapport/html?from=05/11/2026&to=12/11/2026");
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith("-rapport.html", html.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        var page = await html.Content.ReadAsStringAsync();
        Assert.StartsWith("<!DOCTYPE html>", page.TrimStart(), StringComparison.OrdinalIgnoreCase);
        // The period asked for is the one the report covers.
        Assert.Contains("05/11/2026", page, StringComparison.Ordinal);
        Assert.Contains("12/11/2026", page, StringComparison.Ordinal);
        using var whole = await viewer.GetAsync($"/plans/{host.PlanA}/rapport/html");
        Assert.DoesNotContain("05/11/2026", await whole.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var pptx = await viewer.GetAsync($"/plans/{host.PlanA}/rapport/pptx");
        Assert.Equal(HttpStatusCode.OK, pptx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.presentationml.presentation", pptx.Content.Headers.ContentType?.MediaType);
        using (var deck = PresentationDocument.Open(new MemoryStream(await pptx.Content.ReadAsByteArrayAsync()), false))
            Assert.NotEmpty(deck.PresentationPart!.SlideParts);

        // Another workspace's plan and a plan that does not exist answer the same.
        using var foreign = await host.Client(Caller.Outsider).GetAsync($"/plans/{host.PlanA}/rapport/html");
        using var missing = await viewer.GetAsync("/plans/987654/rapport/html");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var format = await viewer.GetAsync($"/plans/{host.PlanA}/rapport/docx");
        Assert.Equal(HttpStatusCode.NotFound, format.StatusCode);

        // A date that is not one is named, as problem+json.
        using var bad = await viewer.GetAsync($"/plans/{host.PlanA}/rapport/html?from=31/02/2026");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        Assert.Contains("from", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Signed out: no report.
        using var anonymous = await host.Client(Caller.Anonymous).GetAsync($"/plans/{host.PlanA}/rapport/html");
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
    }
}
