using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Pilote.Actions;
using Pilote.Audit;
using Pilote.Common;
using Pilote.Data;
using Pilote.Kpis;
using Pilote.Targets;

namespace Pilote.Plans;

/// <summary>An action as it went into the new plan: its row in the file and the channel it was put on.</summary>
public sealed record IntakeAction(int Row, int Id, string Title, string Channel, bool ChannelGuessed);

/// <summary>
/// The new plan, how many actions went in, and the first of them (all of them when asked: a 100 000-row file is not
/// listed line by line unless the caller wants it, so memory stays bounded by the batch).
/// </summary>
public sealed record IntakeResult(Plan Plan, int Count, IReadOnlyList<IntakeAction> Actions, IReadOnlyList<RowNote> Notes);

/// <summary>
/// Creates a plan from a spreadsheet Pilote did not write, in one transaction. Channels are words in those files, or
/// absent: each action goes to the catalog channel its channel column, group or title names (PPC → SEA, Blog →
/// Content marketing…), and when nothing fits, to a fallback channel with a note saying so. The sheet's actions stream
/// in: they are saved in batches of bulk inserts inside the transaction (<see cref="EntityRows"/>), never tracked.
/// </summary>
public sealed class PlanIntakeService(PiloteDb db, TimeProvider clock)
{
    // Rows per round of bulk inserts: three of EntityRows' 100-row statements per entity. What waits to be inserted
    // (a batch, and at most 4 chunks of 128 rows read ahead) is what survives each collection and sets how far the
    // collector lets the heap grow: with 1 000 rows and 16 chunks of 256 the 100 000-action import peaked at 212 to
    // 219 MB, with these at 164 to 171 MB, and ran no slower (2.79 to 2.87 s against 2.95 to 3.03 s, side by side).
    private const int BatchSize = 300;

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
        // "A/B test" folds to "a b test": the noun is how titles say it (« Landing page A/B test », « Test A/B page tarifs »).
        ("ab_testing", ["ab testing", "a b testing", "a b test", "a b tests", "ab test", "ab tests", "test a b", "tests a b", "split test",
            "split testing", "analytics", "google analytics", "ga4", "tracking", "reporting", "cro"]),
        ("events", ["evenement", "evenements", "event", "events", "salon", "salons", "webinar", "webinaire", "conference"]),
        ("pos", ["point de vente", "points de vente", "magasin", "store", "boutique", "plv"]),
        ("messaging", ["whatsapp", "messagerie", "messenger", "sms", "telegram"]),
        ("direct_sales", ["prospection", "demarchage", "outreach", "cold call", "phoning"]),
    ];

    /// <summary>How many actions a result lists when the caller does not ask for all of them.</summary>
    public const int Listed = 200;

    public async Task<IntakeResult> CreateAsync(int workspaceId, ForeignPlan sheet, string? name, string? fallbackChannel,
        string author, bool dryRun = false, CancellationToken ct = default, bool french = true, bool listAll = false,
        AuditSurface surface = AuditSurface.CommandLine)
    {
        string T(string fr, string en) => french ? fr : en;
        // The notes say where to fix what the sheet did not say: a command, or the page the web reader is on.
        var web = surface == AuditSurface.WebApp;
        // The sheet is read on a thread of its own while the actions before are inserted; it starts here, so that opening
        // the workbook again and compiling the reader go on while the catalogs are read and the plan is made.
        using var rows = ReadAhead<ForeignAction>.Start(() => sheet.Actions, chunk: 128, depth: 4);
        // Plain reads (no LINQ query in the whole import): the catalog is read once, each row's KPI and channel found in memory.
        var channels = (await EntityReads.WhereAsync<Channel>(db, nameof(Channel.WorkspaceId), workspaceId, ct)).OrderBy(c => c.Position).ToList();
        var catalog = await EntityReads.WhereAsync<KpiDefinition>(db, nameof(KpiDefinition.WorkspaceId), workspaceId, ct);
        if (channels.Count == 0)
            throw new PiloteInputException("l'espace n'a aucun canal dans son catalogue ; ajoutez-en un avec « catalog add-channel »",
                "the workspace has no channel in its catalog; add one with 'catalog add-channel'");
        var fallback = fallbackChannel is null
            ? channels.FirstOrDefault(c => c.Key == "content") ?? channels[0]
            : CatalogLookup.PickChannel(channels, fallbackChannel, "--channel");
        var notes = new List<RowNote>();

        // Inside a caller's transaction (auditing a file stores nothing), the caller commits or rolls back.
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        using var inserts = new EntityRows(db);
        // The plan goes in as its actions do: EF Core's first SaveChanges in a process (its update pipeline compiled)
        // took 150 ms, longer than inserting the first ten thousand actions.
        var plan = new PlanService(db, clock).Draft(workspaceId, new PlanFields(
            Name: string.IsNullOrWhiteSpace(name) ? sheet.Name : name, Template: "vierge",
            Description: sheet.Description is { } d ? $"Importé de {sheet.File} ({sheet.Sheet}) — {d}" : $"Importé de {sheet.File} ({sheet.Sheet})"));
        await inserts.InsertAsync([plan], ct);
        var planId = plan.Id;

        var now = clock.GetUtcNow();
        var unplaced = new List<int>();
        var unplacedCount = 0;
        var resolved = new Dictionary<(string?, string?), (Channel? Channel, bool Guessed)>();
        var kpis = new Dictionary<string, KpiDefinition?>(StringComparer.OrdinalIgnoreCase);
        // A sheet repeats the same few targets ("20 000", "<1,50 €") on thousands of rows: each is read once per KPI.
        var targets = new Dictionary<(int Kpi, string Text), (Target? Target, PiloteInputException? Error)>();
        var byId = channels.ToDictionary(c => c.Id);
        var done = new List<IntakeAction>();
        var count = 0;
        DateOnly? first = null, last = null;
        decimal? budget = null;
        var batch = new List<(ForeignAction Row, PlanAction Action, bool Guessed)>();
        // Each batch goes in as bulk inserts (actions, then their comments, KPIs and target history with the new ids):
        // EF's change tracker cost more than the rest of the import.
        async Task FlushAsync()
        {
            var actions = batch.Select(b => b.Action).ToList();
            await inserts.InsertAsync(actions, ct);
            var comments = new List<ActionComment>(actions.Count * 2);
            var actionKpis = new List<ActionKpi>(actions.Count);
            foreach (var a in actions)
            {
                foreach (var c in a.Comments)
                {
                    c.ActionId = a.Id;
                    comments.Add(c);
                }
                foreach (var k in a.Kpis)
                {
                    k.ActionId = a.Id;
                    actionKpis.Add(k);
                }
            }
            await inserts.InsertAsync(comments, ct);
            await inserts.InsertAsync(actionKpis, ct);
            var history = new List<TargetChange>(actionKpis.Count);
            foreach (var k in actionKpis)
                foreach (var h in k.History)
                {
                    h.ActionKpiId = k.Id;
                    history.Add(h);
                }
            await inserts.InsertAsync(history, ct);
            foreach (var (row, action, guessed) in batch)
                if (listAll || done.Count < Listed)
                    done.Add(new IntakeAction(row.Row, action.Id, action.Title, byId[action.ChannelId].Name, guessed));
            count += batch.Count;
            batch.Clear();
        }
        void Span(DateOnly? day)
        {
            if (day is { } x)
                (first, last) = (first is { } f && f < x ? f : x, last is { } l && l > x ? l : x);
        }
        var position = 0;
        foreach (var a in rows)
        {
            if (a.Budget is { } money)
                budget = (budget ?? 0m) + money;
            Span(a.Start);
            Span(a.Due);
            // The same channel and group words come back on every row: resolve each combination once. The title is
            // only read when they name no channel, and never remembered: it is each row's own (in a group « Growth »,
            // « Google Ads brand » is SEA and « Newsletter » Emailing), and titles would grow the cache with the sheet.
            var key = (a.Channel, a.Group);
            if (!resolved.TryGetValue(key, out var found))
                resolved[key] = found = ChannelOf(channels, a.Channel, a.Group);
            var (channel, guessed) = found.Channel is null && NamedBy(channels, a.Title) is { } byTitle ? (byTitle, true) : found;
            if (channel is null)
            {
                channel = fallback;
                if (a.Channel is not null)
                    notes.Add(new RowNote(a.Row, T($"« {a.Title} » : le canal « {a.Channel} » n'est pas au catalogue ; mis sur « {fallback.Name} »",
                        $"« {a.Title} »: channel « {a.Channel} » is not in the catalog; put on « {fallback.Name} »")));
                else if (unplacedCount++ < 20)
                    unplaced.Add(a.Row);
            }
            var action = new PlanAction
            {
                PlanId = planId, Title = a.Title, ChannelId = channel.Id, Position = position++, Aim = a.Aim, Owner = a.Owner,
                Team = a.Team, Start = a.Start, Due = a.Due, Status = a.Status, PlannedBudget = a.Budget,
            };
            if (a.Group is not null)
                action.Comments.Add(new ActionComment { Author = author, At = now, Kind = CommentKind.Comment, Text = $"Groupe « {a.Group} » ({sheet.File})" });
            if (a.Comments is not null)
                action.Comments.Add(new ActionComment { Author = author, At = now, Kind = CommentKind.Comment, Text = a.Comments });
            // One KPI per line; "Trafic (20 000)" names the KPI and its target, as Pilote's own workbooks write them.
            foreach (var line in KpiLines(a.Kpi))
            {
                var (kpiName, target) = (line, a.Target);
                if (a.Target is null && line.EndsWith(')') && line.LastIndexOf(" (", StringComparison.Ordinal) is > 0 and var open)
                    (kpiName, target) = (line[..open].Trim(), line[(open + 2)..^1].Trim());
                if (!kpis.TryGetValue(kpiName, out var kpi))
                    kpis[kpiName] = kpi = FindKpi(catalog, kpiName);
                Kpi(plan, action, kpi, a, kpiName, target, notes, now, author, french, web, targets);
            }
            batch.Add((a, action, guessed));
            if (batch.Count == BatchSize)
                await FlushAsync();
        }
        if (unplacedCount > 0)
            notes.Add(new RowNote(unplaced[0], T(
                $"{Formats.Many(unplacedCount, "action ne nomme", "actions ne nomment", true)} aucun canal que Pilote reconnaît (lignes {string.Join(", ", unplaced)}{(unplacedCount > unplaced.Count ? ", …" : "")}) : {(unplacedCount == 1 ? "mise" : "mises")} sur « {fallback.Name} » ; "
                + (web ? "choisissez ci-dessus un autre canal pour elles, ou changez-le ensuite dans la grille du plan (colonne Canal)" : "changez avec action set --channel, ou importez avec --channel"),
                $"{Formats.Many(unplacedCount, "action names", "actions name", false)} no channel Pilote recognises (rows {string.Join(", ", unplaced)}{(unplacedCount > unplaced.Count ? ", …" : "")}): put on « {fallback.Name} »; "
                + (web ? "choose another channel for them above, or change it afterwards in the plan's grid (Channel column)" : "change with action set --channel, or import with --channel"))));
        await FlushAsync();
        // The plan runs over the dates its actions carry (the current quarter when none has a date), and its budget is
        // what its actions plan to spend (none when the sheet has no budget column): a plan that starts without a budget
        // would leave the audit's budget-over-plan rule and the review's reallocation without their limit.
        if (first is { } start && last is { } end)
            (plan.Start, plan.End) = (start, end);
        plan.Budget ??= budget;
        // The row was inserted without the change tracker: it is updated as SaveChanges would have, its version bumped.
        plan.Version++;
        await EntityRows.UpdateAsync(db, plan, [nameof(Plan.Start), nameof(Plan.End), nameof(Plan.Budget), nameof(Plan.Version)], ct);
        // A dry run goes as far as the database's own checks, then rolls back: what it shows is what would be stored.
        if (tx is null)
            return new IntakeResult(plan, count, done, notes);
        if (dryRun)
            await tx.RollbackAsync(ct);
        else
            await tx.CommitAsync(ct);
        return new IntakeResult(plan, count, done, notes);
    }

    // The KPI cell's lines; most cells name one KPI, and are not split for it.
    private static string[] KpiLines(string? cell) =>
        cell is null ? []
        : cell.Contains('\n') ? cell.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        : cell.AsSpan().Trim() is { IsEmpty: false } one ? [one.Length == cell.Length ? cell : one.ToString()]
        : [];

    private static KpiDefinition? FindKpi(List<KpiDefinition> catalog, string name)
    {
        try
        {
            return CatalogLookup.PickKpi(catalog, name, "KPI");
        }
        catch (PiloteInputException)
        {
            return null;
        }
    }

    // One KPI line of a row: its name and target (from the line itself or the row's target column).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kpi(Plan plan, PlanAction action, KpiDefinition? kpi, ForeignAction a, string kpiName, string? targetText, List<RowNote> notes,
        DateTimeOffset now, string author, bool french, bool web, Dictionary<(int Kpi, string Text), (Target? Target, PiloteInputException? Error)> targets)
    {
        if (kpi is null)
        {
            notes.Add(new RowNote(a.Row, (french, web) switch
            {
                (true, false) => $"« {a.Title} » : le KPI « {kpiName} » n'est pas au catalogue ; gardé en commentaire (ajoutez-le avec catalog add-kpi)",
                (false, false) => $"« {a.Title} »: KPI « {kpiName} » is not in the catalog; kept in a comment (add it with catalog add-kpi)",
                (true, true) => $"« {a.Title} » : le KPI « {kpiName} » n'est pas au catalogue ; gardé en commentaire (donnez-lui un indicateur du catalogue sur sa page, « Ajouter un indicateur »)",
                (false, true) => $"« {a.Title} »: KPI « {kpiName} » is not in the catalog; kept in a comment (give it a catalog KPI on its page, 'Add a KPI')",
            }));
            action.Comments.Add(new ActionComment { Author = author, At = now, Kind = CommentKind.Comment, Text = $"KPI : {kpiName}" + (targetText is null ? "" : $" — cible {targetText}") });
            return;
        }
        foreach (var k in action.Kpis)
            if (k.KpiId == kpi.Id)
                return;
        // The definition is shared by every row (and untracked): the KPI row refers to it by id only.
        var actionKpi = new ActionKpi { KpiId = kpi.Id, Kind = kpi.DefaultKind };
        action.Kpis.Add(actionKpi);
        if (targetText is null)
            return;
        if (!targets.TryGetValue((kpi.Id, targetText), out var read))
        {
            try
            {
                read = (ActionTargets.Parse(targetText, kpi, null, plan.Culture, "cible"), null);
            }
            catch (PiloteInputException ex)
            {
                read = (null, ex);
            }
            // Targets that differ on every row are not kept: memory stays bounded by the sheet's few repeated ones.
            if (targets.Count < 4_096)
                targets[(kpi.Id, targetText)] = read;
        }
        if (read.Target is { } target)
            ActionTargets.Apply(actionKpi, targetText, target, now, author, "import");
        else if (read.Error is { } ex)
        {
            notes.Add(new RowNote(a.Row, french
                ? $"« {a.Title} » : cible « {targetText} » non comprise ({ex.Say(true)}) ; le KPI est gardé sans cible"
                : $"« {a.Title} »: target « {targetText} » not understood ({ex.Message}); the KPI is kept without a target"));
        }
    }

    /// <summary>The channel a row's channel cell names (exactly, else by its words), else the one its group's words name.</summary>
    private static (Channel? Channel, bool Guessed) ChannelOf(List<Channel> channels, string? channel, string? group)
    {
        if (channel is not null)
        {
            try
            {
                return (CatalogLookup.PickChannel(channels, channel, "canal"), false);
            }
            catch (PiloteInputException)
            {
                // Not a catalog name or key: try its words below.
            }
        }
        return (NamedBy(channels, channel) ?? NamedBy(channels, group), true);
    }

    /// <summary>The catalog channel whose words this text holds ("Campagne PPC marque" → SEA), if any.</summary>
    private static Channel? NamedBy(List<Channel> channels, string? text)
    {
        if (text is null)
            return null;
        var folded = " " + Fold(text) + " ";
        foreach (var (key, words) in ChannelWords)
            if (words.Any(w => folded.Contains(" " + w + " ", StringComparison.Ordinal)) && channels.FirstOrDefault(c => c.Key == key) is { } hit)
                return hit;
        return null;
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
