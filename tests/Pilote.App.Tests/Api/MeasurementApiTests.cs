using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Pilote.Testing;
using Pilote.Tests.Measurements;

namespace Pilote.App.Tests.Api;

/// <summary>Numbers in and out: the idempotent bulk push, file imports and their undo, exports as downloads.</summary>
public sealed class MeasurementApiTests
{
    private static HttpRequestMessage Push(string key, params object[] values)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/measurements").Json(new { measurements = values });
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private static async Task<decimal?> LeadsAsync(HttpClient http, int action)
    {
        using var response = await http.GetAsync($"/api/v1/actions/{action}/kpis/leads");
        return (await response.JsonAsync()).GetProperty("kpi").Num("actual");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_retried_push_with_the_same_key_never_counts_twice(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        var http = host.Client(Caller.Token);
        var action = await host.NewActionAsync();
        var key = Guid.NewGuid().ToString();
        object[] values = [new { action, metric = "leads", date = "2026-11-02", value = 4 }, new { action, metric = "leads", date = "2026-11-03", value = "3" }];

        using var first = await http.SendAsync(Push(key, values));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var result = await first.JsonAsync();
        Assert.Equal(2, result.GetProperty("stored").GetInt32());
        Assert.Equal(7m, await LeadsAsync(http, action));

        using var retry = await http.SendAsync(Push(key, values));
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(result.GetProperty("batch").GetInt32(), (await retry.JsonAsync()).GetProperty("batch").GetInt32());
        Assert.Equal(7m, await LeadsAsync(http, action));

        using var other = await http.SendAsync(Push(key, new { action, metric = "leads", date = "2026-11-04", value = 50 }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
        Assert.Equal(7m, await LeadsAsync(http, action));

        // Concurrent retries of one push (a client timing out and retrying at once) still count once.
        var racing = Guid.NewGuid().ToString();
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => http.SendAsync(Push(racing, new { action, metric = "leads", date = "2026-11-05", value = 10 }))));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        Assert.Equal(17m, await LeadsAsync(http, action));

        // Keys expire after a day: the same key is then a new push.
        host.Clock.Now = host.Clock.Now.AddHours(25);
        using var later = await http.SendAsync(Push(key, values));
        Assert.Equal(HttpStatusCode.Created, later.StatusCode);
        Assert.False(later.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(24m, await LeadsAsync(http, action));
    }

    [Fact]
    public async Task A_push_says_which_values_fall_outside_their_actions_period()
    {
        await using var host = await ApiHost.StartAsync("sqlite");
        var http = host.Client(Caller.Token);
        var action = await host.NewActionAsync();
        // The action runs from 01/10/2026 to 31/12/2026: a value of 2024 is stored and counts in no KPI.
        using var response = await http.SendAsync(Push(Guid.NewGuid().ToString(),
            new { action, metric = "leads", date = "2024-01-01", value = 4 }, new { action, metric = "leads", date = "2026-11-02", value = 3 }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var result = await response.JsonAsync();
        Assert.Equal(2, result.GetProperty("stored").GetInt32());
        var warning = Assert.Single(result.GetProperty("warnings").EnumerateArray()).GetString()!;
        Assert.Contains("1 measurement on 2024-01-01 outside its period (2026-10-01 to 2026-12-31)", warning);
        Assert.Equal(3m, await LeadsAsync(http, action));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_bad_push_names_each_row_and_field_and_stores_nothing(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        var http = host.Client(Caller.Editor);
        using var noKey = await http.PostAsJsonAsync("/api/v1/measurements", new { measurements = new[] { new { action = host.ActionA, metric = "leads", date = "2026-11-02", value = 1 } } });
        Assert.Equal(HttpStatusCode.BadRequest, noKey.StatusCode);
        Assert.True((await noKey.JsonAsync()).GetProperty("errors").TryGetProperty("Idempotency-Key", out _));

        using var bad = await http.SendAsync(Push(Guid.NewGuid().ToString(),
            new { action = host.ActionA, metric = "leads", date = "2026-11-02", value = 1 },
            new { action = host.ActionA, metric = "licornes", date = "2026-11-02", value = 1 },
            new { action = host.ActionA, metric = "leads", date = "hier", value = 1 }));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.JsonAsync()).GetProperty("errors");
        Assert.Equal(["measurements[1].metric", "measurements[2].date"], errors.EnumerateObject().Select(p => p.Name).Order());

        // An action in another client's workspace answers exactly like an action that does not exist: 404, same words.
        var elsewhere = await host.NewActionAsync(host.PlanB);
        using var missing = await http.SendAsync(Push(Guid.NewGuid().ToString(), new { action = 999999, metric = "leads", date = "2026-11-02", value = 1 }));
        using var foreign = await http.SendAsync(Push(Guid.NewGuid().ToString(), new { action = elsewhere, metric = "leads", date = "2026-11-02", value = 1 }));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal("application/problem+json", foreign.Content.Headers.ContentType?.MediaType);
        Assert.Equal((await missing.JsonAsync()).Str("detail")!.Replace("999999", "N"), (await foreign.JsonAsync()).Str("detail")!.Replace($"{elsewhere}", "N"));
        await using var ctx = host.Db.Open();
        Assert.Equal(0, await ctx.Measurements.CountAsync());
        Assert.Equal(0, await ctx.IdempotentRequests.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_real_ga4_export_uploads_lists_and_undoes_and_a_non_export_is_refused(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        var http = host.Client(Caller.Editor);
        var action = await host.NewActionAsync();
        var path = Fixtures.File("ga4", "Anas3rdshade_Teefusion__User_acquisition_First_user_primary_channel_group_(Default_Channel_Group).csv");

        HttpRequestMessage Upload(byte[] bytes, string name)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            return new HttpRequestMessage(HttpMethod.Post, "/api/v1/imports")
            {
                Content = new MultipartFormDataContent { { new StringContent(host.PlanA.ToString(System.Globalization.CultureInfo.InvariantCulture)), "plan" },
                    { new StringContent(action.ToString(System.Globalization.CultureInfo.InvariantCulture)), "action" }, { file, "file", name } },
            };
        }

        using var uploaded = await http.SendAsync(Upload(await File.ReadAllBytesAsync(path), Path.GetFileName(path)));
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var result = await uploaded.JsonAsync();
        Assert.Equal("ga4", result.Str("source"));
        Assert.Equal(8, result.GetProperty("rows").GetInt32());
        Assert.Equal(8, result.GetProperty("matched").GetInt32());
        // The API speaks English: its warnings once, without the French the CLI and the web page show.
        Assert.Equal(System.Text.Json.JsonValueKind.Array, result.GetProperty("warnings").ValueKind);
        Assert.False(result.TryGetProperty("frenchWarnings", out _));
        // The benchmarks' timings are not the API's business (they came out as a list of empty objects).
        Assert.False(result.TryGetProperty("phases", out _));
        var batch = result.GetProperty("batch").GetInt32();
        var (rows, _) = Fixtures.Read(path);
        await using (var ctx = host.Db.Open())
            Assert.Equal(rows.Sum("conversions"), await ctx.Measurements.Where(m => m.ActionId == action && m.Metric == "conversions").SumAsync(m => m.Value));

        using var again = await http.SendAsync(Upload(await File.ReadAllBytesAsync(path), Path.GetFileName(path)));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(batch, (await again.JsonAsync()).GetProperty("alreadyImportedAs").GetInt32());

        using var list = await http.GetAsync("/api/v1/imports");
        Assert.Contains((await list.JsonAsync()).EnumerateArray(), b => b.GetProperty("id").GetInt32() == batch && b.Str("source") == "ga4");

        var listed = (await list.JsonAsync()).EnumerateArray().Single(b => b.GetProperty("id").GetInt32() == batch);
        var etag = $"W/\"v{listed.GetProperty("version").GetInt32()}\"";
        using var noIfMatch = await http.DeleteAsync($"/api/v1/imports/{batch}");
        Assert.Equal(HttpStatusCode.PreconditionRequired, noIfMatch.StatusCode);
        using var undo = await http.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/imports/{batch}").IfMatch(etag));
        Assert.Equal(HttpStatusCode.OK, undo.StatusCode);
        Assert.False((await undo.JsonAsync()).IsNull("undoneAt"));
        Assert.NotEqual(etag, undo.ETag());
        await using (var ctx = host.Db.Open())
            Assert.Equal(0, await ctx.Measurements.CountAsync(m => m.ActionId == action));
        // A second undo from the same stale list is told the import moved on, with its current version.
        using var stale = await http.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/imports/{batch}").IfMatch(etag));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(undo.ETag(), (await stale.JsonAsync()).Str("currentETag"));
        using var twice = await http.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/imports/{batch}").IfMatch(undo.ETag()));
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);

        // A tool's workbook goes through the same door: the API built its importer without the workbook reader.
        var workbook = Measurements.TestWorkbook.Write("Meta-report.xlsx",
            ["Campaign name", "Reporting starts", "Reporting ends", "Impressions", "Amount spent (EUR)", "Link clicks"],
            ["LS Retargeting", "2026-10-01", "2026-10-31", 8000, 200.25, 150]);
        using var xlsx = await http.SendAsync(Upload(await File.ReadAllBytesAsync(workbook), "Meta-report.xlsx"));
        Assert.Equal(HttpStatusCode.Created, xlsx.StatusCode);
        Assert.Equal("meta-ads", (await xlsx.JsonAsync()).Str("source"));

        int batches;
        await using (var ctx = host.Db.Open())
            batches = await ctx.ImportBatches.CountAsync();
        using var png = await http.SendAsync(Upload([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], "capture.png"));
        Assert.Equal(HttpStatusCode.BadRequest, png.StatusCode);
        var problem = await png.JsonAsync();
        Assert.True(problem.GetProperty("errors").TryGetProperty("file", out _), problem.ToString());
        await using (var ctx = host.Db.Open())
            Assert.Equal(batches, await ctx.ImportBatches.CountAsync());

        using var notMultipart = await http.PostAsJsonAsync("/api/v1/imports", new { plan = host.PlanA });
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notMultipart.StatusCode);
    }

    [Fact]
    public async Task An_all_time_report_with_no_dates_is_refused_until_its_period_is_sent_then_imported_over_it()
    {
        await using var host = await ApiHost.StartAsync("sqlite");
        var http = host.Client(Caller.Editor);
        var path = Fixtures.File("google-ads", "intragoinc__Campaign_report_alltime.csv");

        async Task<HttpResponseMessage> UploadAsync(params (string Field, string Value)[] fields)
        {
            var form = new MultipartFormDataContent { { new StringContent(host.PlanA.ToString(System.Globalization.CultureInfo.InvariantCulture)), "plan" } };
            foreach (var (field, value) in fields)
                form.Add(new StringContent(value), field);
            var file = new ByteArrayContent(await File.ReadAllBytesAsync(path));
            file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            form.Add(file, "file", "alltime.csv");
            return await http.PostAsync("/api/v1/imports", form);
        }

        // No date on the rows, "All time" as the period: the answer names the fields to send, not the CLI's options.
        using var undated = await UploadAsync();
        Assert.Equal(HttpStatusCode.BadRequest, undated.StatusCode);
        var said = (await undated.JsonAsync()).GetProperty("errors").GetProperty("start")[0].GetString()!;
        Assert.Contains("'start' and 'end'", said, StringComparison.Ordinal);
        Assert.DoesNotContain("--start", said, StringComparison.Ordinal);
        using var inverted = await UploadAsync(("start", "2026-03-31"), ("end", "2026-01-01"));
        Assert.Equal(HttpStatusCode.BadRequest, inverted.StatusCode);
        Assert.True((await inverted.JsonAsync()).GetProperty("errors").TryGetProperty("end", out _));
        await using (var ctx = host.Db.Open())
            Assert.Equal(0, await ctx.ImportBatches.CountAsync());

        using var dated = await UploadAsync(("start", "2026-01-01"), ("end", "2026-03-31"));
        Assert.Equal(HttpStatusCode.Created, dated.StatusCode);
        var result = await dated.JsonAsync();
        Assert.Equal(("google-ads", "2026-01-01", "2026-03-31"), (result.Str("source"), result.Str("start"), result.Str("end")));
        await using var check = host.Db.Open();
        var batch = await check.ImportBatches.SingleAsync();
        Assert.Equal((new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31)), (batch.PeriodStart!.Value, batch.PeriodEnd!.Value));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Exports_download_as_files_that_open(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        var http = host.Client(Caller.Viewer);
        using var xlsx = await http.GetAsync($"/api/v1/plans/{host.PlanA}/export?format=kpi-driven");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".xlsx", xlsx.Content.Headers.ContentDisposition?.FileNameStar ?? xlsx.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using (var book = SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false))
        {
            var sheets = book.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value).ToList();
            Assert.NotEmpty(sheets);
            var strings = book.WorkbookPart.SharedStringTablePart?.SharedStringTable.InnerText ?? "";
            Assert.Contains("Campagne SEA", strings + string.Join("", book.WorkbookPart.WorksheetParts.Select(w => w.Worksheet.InnerText)));
        }

        using var json = await http.GetAsync($"/api/v1/plans/{host.PlanA}/export?format=json");
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
        Assert.Equal(host.PlanA, (await json.JsonAsync()).GetProperty("id").GetInt32());

        using var bogus = await http.GetAsync($"/api/v1/plans/{host.PlanA}/export?format=pdf");
        Assert.Equal(HttpStatusCode.BadRequest, bogus.StatusCode);
        Assert.True((await bogus.JsonAsync()).GetProperty("errors").TryGetProperty("format", out _));
        using var otherWorkspace = await http.GetAsync($"/api/v1/plans/{host.PlanB}/export?format=csv");
        using var nowhere = await http.GetAsync("/api/v1/plans/987654/export?format=csv");
        Assert.Equal(HttpStatusCode.NotFound, otherWorkspace.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, nowhere.StatusCode);
        Assert.Equal((await nowhere.JsonAsync()).Str("title"), (await otherWorkspace.JsonAsync()).Str("title"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_dashboard_moves_when_measurements_arrive_and_answers_304_while_nothing_changed(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        var http = host.Client(Caller.Token);
        var action = await host.NewActionAsync();
        async Task<(HttpStatusCode Status, string ETag, System.Text.Json.JsonElement Body)> DashboardAsync(string? ifNoneMatch = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/plans/{host.PlanA}/dashboard");
            if (ifNoneMatch is not null)
                request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
            using var response = await http.SendAsync(request);
            return (response.StatusCode, response.ETag(), await response.JsonAsync());
        }
        decimal? Leads(System.Text.Json.JsonElement body) =>
            body.Items("tiles").Single(t => t.GetProperty("action").GetInt32() == action && t.Str("kpi") == "leads").Num("actual");

        var (status, etag, body) = await DashboardAsync();
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(Leads(body));
        Assert.Equal(2, body.GetProperty("summary").GetProperty("byStatus").GetProperty("live").GetInt32());
        Assert.Equal(HttpStatusCode.NotModified, (await DashboardAsync(etag)).Status);

        using var pushed = await http.SendAsync(Push(Guid.NewGuid().ToString(), new { action, metric = "leads", date = "2026-11-09", value = 12 }));
        Assert.Equal(HttpStatusCode.Created, pushed.StatusCode);
        var (after, newTag, moved) = await DashboardAsync(etag);
        Assert.Equal(HttpStatusCode.OK, after);
        Assert.NotEqual(etag, newTag);
        Assert.Equal(12m, Leads(moved));
    }
}
