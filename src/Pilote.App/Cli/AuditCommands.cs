using System.CommandLine;
using Pilote.App.Audit;
using Pilote.Audit;
using Pilote.Common;
using Pilote.Plans;
using Spectre.Console;

namespace Pilote.App.Cli;

internal static class AuditCommands
{
    public static Command Build(CliHost host)
    {
        var planArg = Opt.Arg("PLAN", "plan id or name, or an .xlsx or .csv file (audited without storing anything)");
        var date = Opt.Text("--date", "audit as of this day (default: today)");
        var workspace = Opt.Text("--workspace", "with a file: the workspace whose catalog reads it (default: your default workspace)");
        var json = Opt.Json();
        var cmd = new Command("audit", "audit a plan: what cannot be measured, owned or judged (exit 1 when an error is found)")
            .With(planArg, date, workspace, json);
        cmd.SetAction(async (parse, ct) =>
        {
            var cli = new CliContext(host, parse);
            var asOf = Inputs.ParseOptionalDate(parse.GetValue(date), "--date") ?? host.Today;
            await using var db = await cli.OpenAsync(ct);
            var reference = parse.GetValue(planArg)!;
            if (FileAudit.IsSpreadsheet(reference))
                return await AuditFileAsync(cli, db, reference, parse.GetValue(workspace), asOf, parse.GetValue(json), ct);
            var plan = await FindPlanAsync(db, reference, ct);
            var result = await AuditService.AuditAsync(db, plan.Id, asOf, cli.French, ct);
            if (parse.GetValue(json))
                cli.WriteJson(new
                {
                    Plan = plan.Id,
                    AsOf = asOf,
                    result.Score,
                    Findings = result.Findings.Select(f => new
                    {
                        f.Rule, Severity = f.Severity.ToId(), f.Subject, f.SubjectType, f.SubjectId, f.Message, f.Hint,
                    }),
                });
            else
                Write(cli, cli.T($"Audit du plan « {plan.Name} »", $"Audit of plan '{plan.Name}'"), result);
            return result.HasErrors ? PiloteCli.ProblemsFound : PiloteCli.Ok;
        });
        return cmd;
    }

    /// <summary>
    /// The plan named, or, when none is and the words were a path (a folder, or an .xlsx or .csv that is not there), a
    /// refusal that speaks of the file: « plan introuvable » sent people looking for a plan they never meant.
    /// </summary>
    private static async Task<Plan> FindPlanAsync(Data.PiloteDb db, string reference, CancellationToken ct)
    {
        try
        {
            return await PlanLoader.FindAsync(db, reference, ct);
        }
        catch (NotFoundException) when (Directory.Exists(reference))
        {
            throw new PiloteInputException(
                $"PLAN : « {reference} » est un dossier ; l'audit prend un nom ou un numéro de plan, ou un fichier .xlsx ou .csv",
                $"PLAN: '{reference}' is a folder; the audit takes a plan name or id, or an .xlsx or .csv file");
        }
        catch (NotFoundException) when (Path.GetExtension(reference).ToLowerInvariant() is ".xlsx" or ".csv")
        {
            throw InputFiles.Missing(reference, showPath: true);
        }
    }

    private static async Task<int> AuditFileAsync(CliContext cli, Data.PiloteDb db, string path, string? workspace, DateOnly asOf, bool json, CancellationToken ct)
    {
        var file = await FileAudit.AuditAsync(db, cli.Host.Clock, path, workspace, asOf, cli.French, cli.Host.Author, ct);
        var result = file.Audit;
        if (json)
            cli.WriteJson(new
            {
                file.Sheet.File, file.Sheet.Sheet, AsOf = asOf, Actions = file.ActionCount, result.Score,
                Findings = result.Findings.Select((f, i) => new
                {
                    f.Rule, Severity = f.Severity.ToId(), f.Subject, f.SubjectType, Row = file.Rows[i], f.Message, f.Hint,
                }),
            });
        else
            Write(cli, cli.T($"Audit du fichier « {file.Sheet.File} » (feuille {file.Sheet.Sheet}, {cli.Actions(file.ActionCount)}, rien n'est enregistré)",
                $"Audit of file '{file.Sheet.File}' (sheet {file.Sheet.Sheet}, {cli.Actions(file.ActionCount)}, nothing stored)"), result);
        return result.HasErrors ? PiloteCli.ProblemsFound : PiloteCli.Ok;
    }

    private static void Write(CliContext cli, string title, AuditResult result)
    {
        var console = cli.Console;
        console.MarkupLine(Tables.Esc(cli.T($"{title} : score {result.Score}/100 — ", $"{title}: score {result.Score}/100 — ") + result.Counts(cli.French) + "."));
        if (result.Findings.Count == 0)
        {
            console.MarkupLine(Tables.Esc(cli.T("Rien à signaler : chaque action est mesurable, suivie et pilotée.", "Nothing found: every action is measurable, tracked and reviewed.")));
            return;
        }
        var table = Tables.Create(cli.T("Gravité", "Severity"), cli.T("Règle", "Rule"), cli.T("Sujet", "Subject"), cli.T("Constat", "Finding"), cli.T("Que faire", "Fix"));
        foreach (var f in result.Findings)
        {
            var colour = f.Severity switch { Severity.Error => "red", Severity.Warning => "yellow", _ => "grey" };
            table.AddRow($"[{colour}]{Tables.Esc(f.Severity.Label(cli.French))}[/]", Tables.Esc(f.Rule), Tables.Esc(f.Subject), Tables.Esc(f.Message), Tables.Esc(f.Hint));
        }
        console.Write(table);
    }
}
