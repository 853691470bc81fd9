using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Pilote.Actions;
using Pilote.Common;
using Pilote.Plans;
using Spectre.Console;

namespace Pilote.App.Cli;

/// <summary><c>pilote workspace add NAME [--slug S]</c> and <c>workspace list</c>: an agency keeps one workspace per client.</summary>
internal static class WorkspaceCommands
{
    public static Command Build(CliHost host)
    {
        var name = Opt.Arg("NAME", "the client's or team's name");
        var slug = Opt.Text("--slug", "short id used in commands (default: made from the name)");
        var add = new Command("add", "create a workspace with the default channel and KPI catalog").With(name, slug);
        add.SetAction(async (parse, ct) =>
        {
            var cli = new CliContext(host, parse);
            await using var db = await cli.OpenAsync(ct);
            var title = parse.GetValue(name)!.Trim();
            if (title.Length == 0)
                throw new PiloteInputException("NAME : un espace a besoin d'un nom", "NAME: a workspace needs a name");
            var id = TrackedLinkService.Slug(parse.GetValue(slug) ?? title, 60);
            if (id.Length == 0)
                throw new PiloteInputException($"--slug : « {parse.GetValue(slug) ?? title} » donne un identifiant court (slug) vide", $"--slug: '{parse.GetValue(slug) ?? title}' gives an empty slug");
            if (await db.Workspaces.AnyAsync(w => w.Slug == id, ct))
                throw new PiloteInputException($"--slug : l'espace « {id} » existe déjà", $"--slug: a workspace '{id}' already exists");
            var created = await WorkspaceService.CreateAsync(db, host.Clock, title, id, ct);
            host.Out.WriteLine(cli.T($"Espace « {created.Name} » créé (#{created.Id}, {created.Slug}).",
                $"Workspace '{created.Name}' created (#{created.Id}, {created.Slug})."));
            return PiloteCli.Ok;
        });
        var json = Opt.Json();
        var list = new Command("list", "every workspace, with its number of plans and members").With(json);
        list.SetAction(async (parse, ct) =>
        {
            var cli = new CliContext(host, parse);
            await using var db = await cli.OpenAsync(ct);
            var rows = await db.Workspaces.AsNoTracking().OrderBy(w => w.Id)
                .Select(w => new { w.Id, w.Slug, w.Name, Plans = w.Plans.Count, Members = db.WorkspaceMembers.Count(m => m.WorkspaceId == w.Id) })
                .ToListAsync(ct);
            if (parse.GetValue(json))
            {
                cli.WriteJson(rows);
                return PiloteCli.Ok;
            }
            var table = Tables.Create("#", "slug", cli.T("nom", "name"), "plans", cli.T("membres", "members"));
            foreach (var r in rows)
                table.AddRow(r.Id.ToString(), Tables.Esc(r.Slug), Tables.Esc(r.Name), r.Plans.ToString(), r.Members.ToString());
            cli.Console.Write(table);
            return PiloteCli.Ok;
        });
        return new Command("workspace", "workspaces: one per client or team, nothing crosses between them").With(add, list);
    }
}
