using System.CommandLine;
using Pilote.Actions;
using Pilote.App.Imports;
using Pilote.Common;
using Pilote.Measurements;
using Pilote.Measurements.Readers;
using Pilote.Plans;
using Spectre.Console;

namespace Pilote.App.Cli;

/// <summary><c>pilote measures import | batches | undo | unmatched | assign</c>: exports from the tools, as batches.</summary>
internal static class MeasureImportCommands
{
    public static Command Import(CliHost host)
    {
        var files = Opt.Files("FILE", "exports to import (one batch each)");
        var source = Opt.Text("--source", $"auto (default), {string.Join(", ", ExportSources.All)}");
        var plan = Opt.Text("--plan", "plan id or name whose actions the rows are matched to (default: every plan)");
        var action = Opt.Text("--action", "put every row of the file on this action");
        var replace = Opt.Flag("--replace", "import a file again that was already imported (its earlier batch is replaced)");
        var start = Opt.Text("--start", "first day covered, for files that do not say (\"All time\" reports)");
        var end = Opt.Text("--end", "last day covered, for files that do not say");
        var dryRun = Opt.Flag("--dry-run", "show what the files would store (matching, totals check) and store nothing");
        var json = Opt.Json();
        var command = new Command("import", "import exports (CSV or XLSX) from GA4, Google Ads, Meta Ads, Mailchimp, Brevo or a generic file")
            .With(files, source, plan, action, replace, start, end, dryRun, json);
        command.SetAction(async (parse, ct) =>
        {
            var cli = new CliContext(host, parse);
            await using var db = await cli.OpenAsync(ct);
            int? planId = parse.GetValue(plan) is { } p ? (await PlanLoader.FindAsync(db, p, ct)).Id : null;
            int? actionId = parse.GetValue(action) is { } a ? (await ActionLookup.FindAsync(db, planId, a, "--action", ct)).Id : null;
            var options = new ImportOptions(parse.GetValue(source), planId, actionId, parse.GetValue(replace),
                Inputs.ParseOptionalDate(parse.GetValue(start), "--start"), Inputs.ParseOptionalDate(parse.GetValue(end), "--end"));
            var dry = parse.GetValue(dryRun);
            var results = new List<ImportResult>();
            // Every file in one transaction (a batch each): a file refused halfway through the list leaves nothing
            // stored, not the files before it committed behind an error that says nothing of them. A dry run is the import
            // itself (detection, matching, the totals check, files already imported) rolled back, as the web app's preview
            // is: what it prints is what the import would store.
            await using (var tx = await db.Database.BeginTransactionAsync(ct))
            {
                foreach (var file in parse.GetValue(files)!)
                {
                    var importer = Importers.Measurements(db, host.Clock, host.Author);
                    results.Add(await ImportOneAsync(cli, importer, file, options, ct));
                }
                if (dry)
                    await tx.RollbackAsync(CancellationToken.None);
                else
                    await tx.CommitAsync(ct);
            }
            if (parse.GetValue(json))
            {
                var items = results.Select(r => new
                {
                    r.File, Batch = dry ? null : r.Batch, DryRun = dry, r.Source, r.Rows, r.Stored, r.Matched, r.Unmatched,
                    Totals = r.Totals.ToDictionary(t => t.Key, t => new { t.Value.Rows, t.Value.File, t.Value.Match }),
                    Period = new { r.Start, r.End },
                    AlreadyImported = r.AlreadyImportedAs is not null, r.Empty, r.Warnings,
                    // A dry run's rows were never kept: no ids to assign.
                    UnmatchedKeys = r.UnmatchedKeys.Select(k => new { k.Key, k.ChannelGroup, k.Rows, Ids = dry ? null : k.Ids }),
                }).ToList();
                if (items.Count == 1)
                    cli.WriteJson(items[0]);
                else
                    cli.WriteJson(items);
            }
            else
            {
                foreach (var r in results)
                    Summary(cli, r, dry);
            }
            return PiloteCli.Ok;
        });
        return command;
    }

    private static async Task<ImportResult> ImportOneAsync(CliContext cli, MeasurementImporter importer, string file, ImportOptions options, CancellationToken ct)
    {
        // A progress bar only on a terminal and for files worth waiting for.
        var large = File.Exists(file) && new FileInfo(file).Length > 20_000_000;
        if (!large || !cli.Console.Profile.Capabilities.Interactive)
            return await importer.ImportAsync(file, options, ct);
        ImportResult? result = null;
        await cli.Console.Progress().StartAsync(async context =>
        {
            var task = context.AddTask(Path.GetFileName(file), maxValue: 1.0);
            result = await importer.ImportAsync(file, options, ct, new Progress<double>(v => task.Value = v));
            task.Value = 1.0;
        });
        return result!;
    }

    private static void Summary(CliContext cli, ImportResult r, bool dry)
    {
        var o = cli.Host.Out;
        if (r.AlreadyImportedNote(cli.French) is { } note)
        {
            o.WriteLine(cli.T($"{r.File} : {note} ; --replace pour le réimporter.", $"{r.File}: {note}; --replace to import it again."));
            return;
        }
        if (r.Empty)
        {
            o.WriteLine(cli.T($"{r.File} ({r.Source}) : l'export ne contient aucune donnée, rien n'est importé.",
                $"{r.File} ({r.Source}): the export holds no data, nothing imported."));
            return;
        }
        var c = cli.Culture(r.Culture ?? "");
        if (dry)
            o.WriteLine(cli.T($"{r.File} : essai ({r.Source}), du {Formats.Date(r.Start, c)} au {Formats.Date(r.End, c)} ; rien n'est enregistré",
                $"{r.File}: dry run ({r.Source}), {Formats.Date(r.Start, c)} to {Formats.Date(r.End, c)}; nothing stored"));
        else
            o.WriteLine(cli.T($"{r.File} : lot #{r.Batch} ({r.Source}), du {Formats.Date(r.Start, c)} au {Formats.Date(r.End, c)}",
                $"{r.File}: batch #{r.Batch} ({r.Source}), {Formats.Date(r.Start, c)} to {Formats.Date(r.End, c)}"));
        var table = Tables.Create(cli.T("lignes lues", "rows read"), dry ? cli.T("mesures à écrire", "measurements to store") : cli.T("mesures écrites", "measurements stored"),
            cli.T("lignes rattachées", "rows matched"), cli.T("non rattachées", "unmatched"));
        table.AddRow(Formats.Count(r.Rows, c), Formats.Count(r.Stored, c), Formats.Count(r.Matched, c), Formats.Count(r.Unmatched, c));
        cli.Console.Write(table);
        if (r.Totals.Values.Any(t => t.File is not null))
        {
            var totals = Tables.Create(cli.T("métrique", "metric"), cli.T("somme des lignes", "sum of rows"), cli.T("total du fichier", "file total"), cli.T("contrôle", "check"));
            foreach (var (metric, t) in r.Totals.Where(t => t.Value.File is not null))
                totals.AddRow(metric, r.Shown(metric, t.Rows, c), r.Shown(metric, t.File!.Value, c),
                    t.Match switch { true => "[green]ok[/]", false => cli.T("[red]écart[/]", "[red]mismatch[/]"), null => cli.T("non additif", "not additive") });
            cli.Console.Write(totals);
        }
        foreach (var w in r.WarningsIn(cli.French))
            cli.Host.Err.WriteLine(cli.T($"pilote: {r.File} : {w}", $"pilote: {r.File}: {w}"));
        if (r.UnmatchedKeys.Count > 0)
        {
            // A dry run's rows were never kept: no ids to assign yet.
            var table2 = Tables.Create([cli.T("non rattaché", "unmatched"), cli.T("lignes", "rows"), .. dry ? Array.Empty<string>() : ["ids"]]);
            foreach (var k in r.UnmatchedKeys.Take(30))
            {
                string[] cells = [Tables.Esc(k.Key ?? k.ChannelGroup), Formats.Count(k.Rows, c)];
                table2.AddRow(dry ? cells : [.. cells, Ids(k.Ids)]);
            }
            cli.Console.Write(table2);
            o.WriteLine(dry
                ? cli.T("Après l'import, rattachez-les avec : pilote measures assign IDS --action ACTION (ou donnez d'abord aux actions ces codes de suivi)",
                    "After the import, assign them with: pilote measures assign IDS --action ACTION (or first give the actions these tracking codes)")
                : cli.T("Rattachez-les avec : pilote measures assign IDS --action ACTION", "Assign them with: pilote measures assign IDS --action ACTION"));
        }
    }

    private static string Ids(IReadOnlyList<long> ids) =>
        ids.Count == 1 ? ids[0].ToString() : ids[^1] - ids[0] == ids.Count - 1 ? $"{ids[0]}-{ids[^1]}" : string.Join(",", ids.Take(10));

    public static Command Batches(CliHost host)
    {
        var json = Opt.Json();
        var command = new Command("batches", "list imported files").With(json);
        command.SetAction(async (parse, ct) =>
        {
            var cli = new CliContext(host, parse);
            await using var db = await cli.OpenAsync(ct);
            var batches = await new ImportBatchService(db, host.Clock).ListAsync(ct);
            if (parse.GetValue(json))
            {
                cli.WriteJson(batches.Select(b => new
                {
                    b.Id, b.FileName, b.Hash, b.Source, Period = new { Start = b.PeriodStart, End = b.PeriodEnd }, Rows = b.RowsRead,
                    Stored = b.RowsStored, Matched = b.RowsMatched, Unmatched = b.RowsUnmatched, Who = b.ImportedBy, At = b.ImportedAt,
                    Undone = b.UndoneAt,
                }));
                return PiloteCli.Ok;
            }
            var table = Tables.Create("#", cli.T("fichier", "file"), "hash", "source", cli.T("période", "period"), cli.T("lues", "read"),
                cli.T("écrites", "stored"), cli.T("rattachées", "matched"), cli.T("non rattachées", "unmatched"), cli.T("par", "by"), cli.T("état", "state"));
            var c = cli.Culture("");
            foreach (var b in batches)
                table.AddRow(b.Id.ToString(), Tables.Esc(b.FileName), b.Hash?[..12] ?? "—", b.Source, $"{Formats.Date(b.PeriodStart, c)} → {Formats.Date(b.PeriodEnd, c)}",
                    Formats.Count(b.RowsRead, c), Formats.Count(b.RowsStored, c), Formats.Count(b.RowsMatched, c), Formats.Count(b.RowsUnmatched, c),
                    Tables.Esc(b.ImportedBy),
                    b.UndoneAt is null ? cli.T("actif", "active") : cli.T("annulé", "undone"));
            if (batches.Count == 0)
                host.Out.WriteLine(cli.T("Aucun import pour l'instant : « pilote measures import FICHIER --plan PLAN »",
                    "No import yet: 'pilote measures import FILE --plan PLAN'"));
            else
                cli.Console.Write(table);
            return PiloteCli.Ok;
        });
        return command;
    }

    public static Command Undo(CliHost host)
    {
        var batch = Opt.Arg("BATCH", "batch id (pilote measures batches)");
        var command = new Command("undo", "remove everything a batch imported").With(batch);
        command.SetAction(async (parse, ct) =>
        {
            var cli = new CliContext(host, parse);
            await using var db = await cli.OpenAsync(ct);
            var undone = await new ImportBatchService(db, host.Clock).UndoAsync(BatchId(parse.GetValue(batch)!, "BATCH"), ct: ct);
            host.Out.WriteLine(cli.T($"Lot #{undone.Id} ({undone.FileName}) annulé : ses mesures sont retirées.",
                $"Batch #{undone.Id} ({undone.FileName}) undone: its measurements are removed."));
            return PiloteCli.Ok;
        });
        return command;
    }

    /// <summary>A batch as people write it: 12 or #12.</summary>
    private static int BatchId(string text, string field) =>
        int.TryParse(text.TrimStart('#'), out var id) ? id : throw new PiloteInputException($"{field} : « {text} » n'est pas un numéro de lot", $"{field}: '{text}' is not a batch id");

    public static Command Unmatched(CliHost host)
    {
        var batch = Opt.Text("--batch", "only this batch");
        var json = Opt.Json();
        var command = new Command("unmatched", "list imported values no action matched").With(batch, json);
        command.SetAction(async (parse, ct) =>
        {
            var cli = new CliContext(host, parse);
            await using var db = await cli.OpenAsync(ct);
            int? batchId = parse.GetValue(batch) is { } b ? BatchId(b, "--batch") : null;
            var rows = await new ImportBatchService(db, host.Clock).UnmatchedAsync(batchId, ct);
            if (parse.GetValue(json))
            {
                cli.WriteJson(rows.Select(u => new { u.Id, Batch = u.BatchId, u.Row, u.Key, u.ChannelGroup, u.Metric, Start = u.PeriodStart, End = u.PeriodEnd, u.Value }));
                return PiloteCli.Ok;
            }
            var table = Tables.Create("id", cli.T("lot", "batch"), cli.T("ligne", "row"), cli.T("clé", "key"), cli.T("métrique", "metric"), cli.T("période", "period"), cli.T("valeur", "value"));
            var c = cli.Culture("");
            foreach (var u in rows)
                table.AddRow(u.Id.ToString(), u.BatchId.ToString(), u.Row.ToString(), Tables.Esc(u.Key ?? u.ChannelGroup), u.Metric,
                    $"{Formats.Date(u.PeriodStart, c)} → {Formats.Date(u.PeriodEnd, c)}", Formats.Measure(u.Value, c));
            if (rows.Count == 0)
                host.Out.WriteLine(cli.T("Aucune ligne non rattachée : chaque ligne importée a trouvé son action.",
                    "No unmatched row: every imported row found its action."));
            else
                cli.Console.Write(table);
            return PiloteCli.Ok;
        });
        return command;
    }

    public static Command Assign(CliHost host)
    {
        var rows = Opt.Arg("ROWS", "unmatched ids: 12, 12,13 or 12-20 (pilote measures unmatched)");
        var action = Opt.Text("--action", "action id or title", required: true);
        var plan = Opt.Text("--plan", "plan id or name, to find the action");
        var json = Opt.Json();
        var command = new Command("assign", "give unmatched values to an action; its key becomes an alias").With(rows, action, plan, json);
        command.SetAction(async (parse, ct) =>
        {
            var cli = new CliContext(host, parse);
            await using var db = await cli.OpenAsync(ct);
            int? planId = parse.GetValue(plan) is { } p ? (await PlanLoader.FindAsync(db, p, ct)).Id : null;
            var target = await ActionLookup.FindAsync(db, planId, parse.GetValue(action)!, "--action", ct);
            var (assigned, aliases) = await new ImportBatchService(db, host.Clock).AssignAsync(parse.GetValue(rows)!, target.Id, ct);
            if (parse.GetValue(json))
                cli.WriteJson(new { Action = target.Id, Assigned = assigned, Aliases = aliases });
            else
                host.Out.WriteLine(cli.T($"{Formats.Many(assigned, "valeur rattachée", "valeurs rattachées", true)} à « {target.Title} »" + (aliases.Count > 0 ? $" ; {(aliases.Count == 1 ? "alias retenu" : "alias retenus")} : {string.Join(", ", aliases)}" : "") + ".",
                    $"{Formats.Many(assigned, "value", "values", false)} assigned to '{target.Title}'" + (aliases.Count > 0 ? $"; {(aliases.Count == 1 ? "alias" : "aliases")} remembered: {string.Join(", ", aliases)}" : "") + "."));
            return PiloteCli.Ok;
        });
        return command;
    }
}
