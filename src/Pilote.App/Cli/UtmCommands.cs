using System.CommandLine;
using Pilote.Actions;
using Pilote.Common;
using Pilote.Plans;
using Spectre.Console;

namespace Pilote.App.Cli;

/// <summary><c>pilote utm PLAN [--base-url URL]</c>: tracked links and promo codes for every action.</summary>
internal static class UtmCommands
{
    public static Command Build(CliHost host)
    {
        var plan = Opt.Arg("PLAN", "plan id or name");
        var baseUrl = Opt.Text("--base-url", "the page the links lead to (https://www.example.com/offre)");
        var json = Opt.Json();
        var command = new Command("utm", "tracked links (utm_*) for every action and promo codes for offline ones; kept as tracking codes")
            .With(plan, baseUrl, json);
        command.SetAction(async (parse, ct) =>
        {
            var cli = new CliContext(host, parse);
            await using var db = await cli.OpenAsync(ct);
            var found = await PlanLoader.FindAsync(db, parse.GetValue(plan)!, ct);
            var links = await new TrackedLinkService(db).GenerateAsync(found.Id, parse.GetValue(baseUrl), ct);
            if (parse.GetValue(json))
            {
                cli.WriteJson(new { Plan = found.Id, BaseUrl = parse.GetValue(baseUrl), Links = links });
                return PiloteCli.Ok;
            }
            var table = Tables.Create("#", cli.T("action", "action"), cli.T("canal", "channel"), "utm_campaign", cli.T("lien", "link"),
                cli.T("code promo", "promo code"));
            foreach (var l in links)
                table.AddRow(l.Action.ToString(), Tables.Esc(l.Title), l.Channel, Tables.Esc(l.Campaign + (l.CampaignCreated ? " *" : "")),
                    Tables.Esc(l.Url), Tables.Esc(l.PromoCode is null ? "" : l.PromoCode + (l.PromoCodeCreated ? " *" : "")));
            cli.Console.Write(table);
            var created = links.Count(l => l.CampaignCreated) + links.Count(l => l.PromoCodeCreated);
            host.Out.WriteLine(cli.T($"{Formats.Many(created, "code créé", "codes créés", true)} (*), les autres étaient déjà enregistrés ; les imports les reconnaissent.",
                $"{Formats.Many(created, "code created", "codes created", false)} (*), the others were already stored; imports recognise them."));
            return PiloteCli.Ok;
        });
        return command;
    }
}
