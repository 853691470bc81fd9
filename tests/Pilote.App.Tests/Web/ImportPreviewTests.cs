using Microsoft.EntityFrameworkCore;
using Pilote.App.Imports;
using Pilote.Demo;
using Pilote.Testing;
using Pilote.Tests.Measurements;

namespace Pilote.App.Tests.Web;

public sealed class ImportPreviewTests
{
    // A Sunday: LocalScope runs from Monday 17 August 2026; the last measured week is 9 to 15 November.
    private static readonly FixedClock Clock = new(2026, 11, 22);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_preview_shows_what_confirming_would_store_and_stores_nothing(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        int planId;
        await using (var db = test.Open())
        {
            await new DemoWorkspace(db, Clock).LoadAsync(replace: false);
            planId = await db.Plans.Where(p => p.Name == DemoWorkspace.LocalScopeName).Select(p => p.Id).SingleAsync();
        }
        // The real GA4 acquisition export, its dates moved into the plan's last measured week.
        var text = (await File.ReadAllTextAsync(Fixtures.File("ga4", "Anas3rdshade_Teefusion__User_acquisition_First_user_primary_channel_group_(Default_Channel_Group).csv")))
            .Replace("Start date: 20250201", "Start date: 20261109", StringComparison.Ordinal)
            .Replace("End date: 20250804", "End date: 20261115", StringComparison.Ordinal);
        var path = Fixtures.Write("ga4.csv", text);

        var preview = await ImportPreviews.PreviewAsync(test.Target, Clock, "test", planId, path, "ga4.csv", new DateOnly(2026, 11, 22));

        Assert.Null(preview.Error);
        var result = preview.Result!;
        Assert.Equal("ga4", result.Source);
        // Eight channel groups: Organic Search, Paid Social and Organic Social tie to the SEO, LinkedIn Ads and
        // LinkedIn organic actions; Direct, Paid Other, Unassigned, Cross-network and Referral are left to assign.
        Assert.Equal((8, 3, 5), (result.Rows, result.Matched, result.Unmatched));
        Assert.Equal(["Direct", "Paid Other", "Unassigned", "Cross-network", "Referral"], result.UnmatchedKeys.Select(k => k.Key ?? k.ChannelGroup));
        await using var check = test.Open();
        Assert.Equal(0, await check.ImportBatches.CountAsync());
        Assert.Equal(0, await check.UnmatchedMeasurements.CountAsync());
        Assert.Equal(0, await check.Measurements.CountAsync(m => m.Source == "ga4"));
    }

    [Fact]
    public async Task A_file_that_is_not_an_export_is_refused_by_name_with_nothing_stored()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite");
        int planId;
        await using (var db = test.Open())
        {
            await new DemoWorkspace(db, Clock).LoadAsync(replace: false);
            planId = await db.Plans.Where(p => p.Name == DemoWorkspace.LocalScopeName).Select(p => p.Id).SingleAsync();
        }
        var path = Fixtures.Write("upload-1.csv", "bonjour\nceci n'est pas un export\n");

        var preview = await ImportPreviews.PreviewAsync(test.Target, Clock, "test", planId, path, "notes.csv", new DateOnly(2026, 11, 22));

        Assert.Null(preview.Result);
        // Named by the name it was dropped with (not the upload's temporary file), in the reader's language.
        Assert.StartsWith("notes.csv : un export que Pilote ne reconnaît pas (première ligne : « bonjour »)", preview.Error, StringComparison.Ordinal);
        var english = await ImportPreviews.PreviewAsync(test.Target, Clock, "test", planId, path, "notes.csv", new DateOnly(2026, 11, 22), french: false);
        Assert.StartsWith("notes.csv: not a known export (first line: 'bonjour')", english.Error, StringComparison.Ordinal);
        await using var check = test.Open();
        Assert.Equal(0, await check.ImportBatches.CountAsync());
    }

    [Fact]
    public async Task A_tool_workbook_previews_on_the_imports_page_as_it_imports_from_the_command_line()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite");
        int planId;
        await using (var db = test.Open())
        {
            await new DemoWorkspace(db, Clock).LoadAsync(replace: false);
            planId = await db.Plans.Where(p => p.Name == DemoWorkspace.LocalScopeName).Select(p => p.Id).SingleAsync();
        }
        // Meta Ads Manager's .xlsx, as it downloads it: the page built its importer without the workbook reader and
        // refused it as « un export que Pilote ne reconnaît pas ».
        var path = Measurements.TestWorkbook.Write("Meta-report.xlsx",
            ["Campaign name", "Reporting starts", "Reporting ends", "Reach", "Impressions", "Amount spent (EUR)", "Link clicks"],
            [null, "2026-11-09", "2026-11-15", 5000, 12000, 350.75, 240],
            ["LS Retargeting", "2026-11-09", "2026-11-15", 3000, 8000, 200.25, 150],
            ["LS Prospection", "2026-11-09", "2026-11-15", 2500, 4000, 150.5, 90]);

        var preview = await ImportPreviews.PreviewAsync(test.Target, Clock, "test", planId, path, "Meta-report.xlsx", new DateOnly(2026, 11, 22));

        Assert.Null(preview.Error);
        Assert.Equal("meta-ads", preview.Result!.Source);
        Assert.Equal(2, preview.Result.Rows);
        Assert.True(preview.Result.Totals["spend"].Match);
    }
}
