using Microsoft.EntityFrameworkCore;
using Pilote.Actions;
using Pilote.Common;
using Pilote.Data;
using Pilote.Kpis;

namespace Pilote.Plans;

/// <summary>An action as it went into the new plan: its row in the file and the channel it was put on.</summary>
public sealed record IntakeAction(int Row, int Id, string Title, string Channel, bool ChannelGuessed);

public sealed record IntakeResult(Plan Plan, IReadOnlyList<IntakeAction> Actions, IReadOnlyList<RowNote> Notes);

/// <summary>
/// Creates a plan from a spreadsheet Pilote did not write, in one transaction. Channels are words in those files, or
/// absent: each action goes to the catalog channel its channel column, group or title names (PPC → SEA, Blog →
/// Content marketing…), and when nothing fits, to a fallback channel with a note saying so.
/// </summary>
public sealed class PlanIntakeService(PiloteDb db, TimeProvider clock)
{
    private const int BatchSize = 1_000;

    private static readonly (string Key, string[] Words)[] ChannelWords =
    [
        ("social_ads", ["meta ads", "facebook ads", "instagram ads", "linkedin ads", "social ads", "publicite sociale"]),
        ("sea", ["sea", "ppc", "adwords", "google ads", "search ads", "cpc", "sem", "bing ads"]),
        ("seo", ["seo", "referencement", "on page", "sitemap", "netlinking"]),
        ("emailing", ["email", "e mail", "emailing", "newsletter", "mailchimp", "brevo", "mailing"]),
        // Before social: "Instagram influencers" is influence, not organic social.
        ("influence", ["influence", "influenceur", "influenceurs", "influencer", "influencers", "ugc"]),
        ("social", ["reseaux sociaux", "social", "social media", "facebook", "instagram", "linkedin", "tiktok", "twitter", "community"]),
        ("crm", ["crm", "fidelisation", "loyalty", "retention"]),
        ("content", ["content", "contenu", "contenus", "blog", "article", "articles", "redaction", "livre blanc", "podcast", "video"]),
        ("display", ["display", "affichage", "programmatique"]),
        ("ab_testing", ["ab testing", "a b testing", "analytics", "google analytics", "ga4", "tracking", "reporting", "cro"]),
        ("events", ["evenement", "evenements", "event", "events", "salon", "salons", "webinar", "webinaire", "conference"]),
        ("pos", ["point de vente", "points de vente", "magasin", "store", "boutique", "plv"]),
        ("messaging", ["whatsapp", "messagerie", "messenger", "sms", "telegram"]),
        ("direct_sales", ["prospection", "demarchage", "outreach", "cold call", "phoning"]),
    ];

    public async Task<IntakeResult> CreateAsync(int workspaceId, ForeignPlan sheet, string? name, string? fallbackChannel,
        string author, bool dryRun = false, CancellationToken ct = default)
    {
        var channels = await db.Channels.Where(c => c.WorkspaceId == workspaceId).OrderBy(c => c.Position).ToListAsync(ct);
        if (channels.Count == 0)
            throw new PiloteInputException("the workspace has no channel in its catalog; add one with 'catalog add-channel'");
        var fallback = fallbackChannel is null
            ? channels.FirstOrDefault(c => c.Key == "content") ?? channels[0]
            : await CatalogLookup.ChannelAsync(db, workspaceId, fallbackChannel, "--channel", ct);
        var notes = new List<RowNote>();
        var dates = sheet.Actions.SelectMany(a => new[] { a.Start, a.Due }).Where(d => d is not null).Select(d => d!.Value).ToList();

        // Inside a caller's transaction (auditing a file stores nothing), the caller commits or rolls back.
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var plan = await new PlanService(db, clock).CreateAsync(workspaceId, new PlanFields(
            Name: string.IsNullOrWhiteSpace(name) ? sheet.Name : name, Template: "vierge",
            Start: dates.Count > 0 ? dates.Min().ToString("yyyy-MM-dd") : null,
            End: dates.Count > 0 ? dates.Max().ToString("yyyy-MM-dd") : null,
            Description: sheet.Description is { } d ? $"Importé de {sheet.File} ({sheet.Sheet}) — {d}" : $"Importé de {sheet.File} ({sheet.Sheet})"), ct);

        var now = clock.GetUtcNow();
        var unplaced = new List<int>();
        var resolved = new Dictionary<(string?, string?, string?), (Channel?, bool)>();
        var byId = channels.ToDictionary(c => c.Id);
        var done = new List<IntakeAction>();
        var batch = new List<(ForeignAction Row, PlanAction Action, bool Guessed)>();
        // Saved in batches inside the one transaction, the change tracker cleared after each: memory stays bounded by
        // the batch, not by the sheet.
        async Task FlushAsync()
        {
            await db.SaveChangesAsync(ct);
            done.AddRange(batch.Select(c => new IntakeAction(c.Row.Row, c.Action.Id, c.Action.Title, byId[c.Action.ChannelId].Name, c.Guessed)));
            batch.Clear();
            db.ChangeTracker.Clear();
        }
        var position = 0;
        foreach (var a in sheet.Actions)
        {
            // The same words come back on every row of a channel: resolve each combination once.
            var key = (a.Channel, a.Group, a.Channel is null && a.Group is null ? a.Title : null);
            if (!resolved.TryGetValue(key, out var found))
                resolved[key] = found = await ChannelAsync(workspaceId, channels, a, ct);
            var (channel, guessed) = found;
            if (channel is null)
            {
                channel = fallback;
                if (a.Channel is not null)
                    notes.Add(new RowNote(a.Row, $"« {a.Title} »: channel « {a.Channel} » is not in the catalog; put on « {fallback.Name} »"));
                else
                    unplaced.Add(a.Row);
            }
            var action = new PlanAction
            {
                PlanId = plan.Id, Title = a.Title, ChannelId = channel.Id, Position = position++, Aim = a.Aim, Owner = a.Owner,
                Team = a.Team, Start = a.Start, Due = a.Due, Status = a.Status, PlannedBudget = a.Budget,
            };
            if (a.Group is not null)
                action.Comments.Add(new ActionComment { Author = author, At = now, Kind = CommentKind.Comment, Text = $"Groupe « {a.Group} » ({sheet.File})" });
            if (a.Comments is not null)
                action.Comments.Add(new ActionComment { Author = author, At = now, Kind = CommentKind.Comment, Text = a.Comments });
            // One KPI per line; "Trafic (20 000)" names the KPI and its target, as Pilote's own workbooks write them.
            foreach (var line in (a.Kpi ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var (kpiName, target) = (line, a.Target);
                if (a.Target is null && line.EndsWith(')') && line.LastIndexOf(" (", StringComparison.Ordinal) is > 0 and var open)
                    (kpiName, target) = (line[..open].Trim(), line[(open + 2)..^1].Trim());
                await KpiAsync(workspaceId, plan, action, a with { Kpi = kpiName, Target = target }, notes, now, author, ct);
            }
            db.Actions.Add(action);
            batch.Add((a, action, guessed));
            if (batch.Count == BatchSize)
                await FlushAsync();
        }
        if (unplaced.Count > 0)
            notes.Add(new RowNote(unplaced[0],
                $"{unplaced.Count} action(s) name no channel Pilote recognises (rows {string.Join(", ", unplaced.Take(20))}{(unplaced.Count > 20 ? ", …" : "")}): put on « {fallback.Name} »; change with action set --channel, or import with --channel"));
        await FlushAsync();
        // A dry run goes as far as the database's own checks, then rolls back: what it shows is what would be stored.
        if (tx is null)
            return new IntakeResult(plan, done, notes);
        if (dryRun)
            await tx.RollbackAsync(ct);
        else
            await tx.CommitAsync(ct);
        return new IntakeResult(plan, done, notes);
    }

    private async Task KpiAsync(int workspaceId, Plan plan, PlanAction action, ForeignAction a, List<RowNote> notes,
        DateTimeOffset now, string author, CancellationToken ct)
    {
        KpiDefinition kpi;
        try
        {
            kpi = await CatalogLookup.KpiAsync(db, workspaceId, a.Kpi!, "KPI", ct);
        }
        catch (PiloteInputException)
        {
            notes.Add(new RowNote(a.Row, $"« {a.Title} »: KPI « {a.Kpi} » is not in the catalog; kept in a comment (add it with catalog add-kpi)"));
            action.Comments.Add(new ActionComment { Author = author, At = now, Kind = CommentKind.Comment, Text = $"KPI : {a.Kpi}" + (a.Target is null ? "" : $" — cible {a.Target}") });
            return;
        }
        if (action.Kpis.Any(k => k.KpiId == kpi.Id))
            return;
        var actionKpi = new ActionKpi { KpiId = kpi.Id, Kpi = kpi, Kind = kpi.DefaultKind };
        action.Kpis.Add(actionKpi);
        if (a.Target is null)
            return;
        try
        {
            var target = ActionTargets.Parse(a.Target, kpi, null, plan.Culture, "cible");
            ActionTargets.Apply(actionKpi, a.Target, target, now, author, "import");
        }
        catch (PiloteInputException ex)
        {
            notes.Add(new RowNote(a.Row, $"« {a.Title} »: target « {a.Target} » not understood ({ex.Message}); the KPI is kept without a target"));
        }
    }

    private async Task<(Channel? Channel, bool Guessed)> ChannelAsync(int workspaceId, List<Channel> channels, ForeignAction a, CancellationToken ct)
    {
        if (a.Channel is not null)
        {
            try
            {
                return (await CatalogLookup.ChannelAsync(db, workspaceId, a.Channel, "canal", ct), false);
            }
            catch (PiloteInputException)
            {
                // Not a catalog name or key: try its words below.
            }
        }
        foreach (var text in new[] { a.Channel, a.Group, a.Title })
        {
            if (text is null)
                continue;
            var folded = " " + Fold(text) + " ";
            foreach (var (key, words) in ChannelWords)
                if (words.Any(w => folded.Contains(" " + w + " ", StringComparison.Ordinal)) && channels.FirstOrDefault(c => c.Key == key) is { } hit)
                    return (hit, true);
        }
        return (null, true);
    }

    // Words without accents or punctuation, lower case: "Réseaux sociaux / Ads" → "reseaux sociaux ads".
    private static string Fold(string text)
    {
        var chars = text.Normalize(System.Text.NormalizationForm.FormD)
            .Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark)
            .Select(c => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        return string.Join(' ', new string([.. chars]).Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
