using System.CommandLine;
using Pilote.App.Plans;
using Pilote.Common;
using Pilote.Plans;

namespace Pilote.App.Cli;

/// <summary><c>pilote plan import</c>: an edited complete export back into its plan, shown as a diff first.</summary>
internal static class PlanImportCommands
{
    public static Command Import(CliHost host)
    {
        var file = Opt.Arg("FILE", "a workbook written by 'plan export --format complet' and edited");
        var dryRun = Opt.Flag("--dry-run", "show what would change and change nothing");
        var json = Opt.Json();
        var cmd = new Command("import", "bring an edited complete export back into its plan (rows added, changed, removed)")
            .With(file, dryRun, json);
        cmd.SetAction(async (parse, ct) =>
        {
            var cli = new CliContext(host, parse);
            var path = parse.GetValue(file)!;
            await using var db = await cli.OpenAsync(ct);
            var apply = !parse.GetValue(dryRun);
            var diff = await PlanImports.UpdateAsync(db, host.Clock, path, apply, host.Author, ct);
            if (parse.GetValue(json))
            {
                cli.WriteJson(new
                {
                    Plan = diff.PlanId, diff.PlanName, diff.Applied, DryRun = !apply,
                    Added = diff.Count(RowChangeKind.Added), Changed = diff.Count(RowChangeKind.Changed), Removed = diff.Count(RowChangeKind.Removed),
                    Changes = diff.Changes.Select(c => new
                    {
                        Kind = c.Kind.ToString().ToLowerInvariant(), c.Entity, c.Id, c.Label, c.Sheet, c.Row,
                        Fields = c.Fields.Select(f => new { f.Field, f.Old, f.New }),
                    }),
                });
                return PiloteCli.Ok;
            }
            Print(cli, diff, apply);
            return PiloteCli.Ok;
        });
        return cmd;
    }

    private static void Print(CliContext cli, PlanDiff diff, bool apply)
    {
        var o = cli.Host.Out;
        o.WriteLine(cli.T(
            $"Plan #{diff.PlanId} « {diff.PlanName} » : {diff.Count(RowChangeKind.Added)} ajout(s), {diff.Count(RowChangeKind.Changed)} modification(s), {diff.Count(RowChangeKind.Removed)} suppression(s)",
            $"Plan #{diff.PlanId} '{diff.PlanName}': {diff.Count(RowChangeKind.Added)} added, {diff.Count(RowChangeKind.Changed)} changed, {diff.Count(RowChangeKind.Removed)} removed"));
        foreach (var c in diff.Changes)
        {
            var sign = c.Kind switch { RowChangeKind.Added => "+", RowChangeKind.Removed => "-", _ => "~" };
            var where = c.Sheet is null ? "" : cli.T($"{c.Sheet} ligne {c.Row}, ", $"{c.Sheet} row {c.Row}, ");
            var id = c.Id is { } i ? $" #{i}" : "";
            var fields = string.Join("; ", c.Fields.Select(f => c.Kind switch
            {
                RowChangeKind.Changed => $"{f.Field} : {f.Old ?? "∅"} → {f.New ?? "∅"}",
                RowChangeKind.Added => $"{f.Field} : {f.New}",
                _ => $"{f.Field} {f.Old}",
            }));
            o.WriteLine($"  {sign} {where}{c.Entity}{id} « {c.Label} »{(fields.Length > 0 ? " — " + fields : "")}");
        }
        if (diff.Changes.Count == 0)
            o.WriteLine(cli.T("Rien à importer : le classeur est identique au plan.", "Nothing to import: the workbook matches the plan."));
        else if (!apply)
            o.WriteLine(cli.T("--dry-run : rien n'a été modifié.", "--dry-run: nothing was changed."));
        else
            o.WriteLine(cli.T("Appliqué en une seule transaction.", "Applied in one transaction."));
    }
}
