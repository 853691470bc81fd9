using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pilote.Actions;
using Pilote.Common;
using Pilote.Data;
using Pilote.Kpis;
using Pilote.Objectives;

namespace Pilote.Plans;

/// <summary>
/// Brings an edited complete-workbook export back into its plan: compares every row with the database field by field,
/// refuses the whole file when a row was changed in Pilote since the export (its Version differs), and otherwise saves
/// every addition, change and removal in one SaveChanges, that is one transaction. The plan's own fields, objective
/// links, tracking codes and comments come back too; a comment changed, added or removed moves its action's version,
/// as it does in Pilote.
/// </summary>
/// <remarks>
/// The sheets stream in chunks of <see cref="ChunkSize"/> rows: each chunk's rows are compared with the database's rows
/// of the same ids, read untracked; only the actions a row really changes are then loaded whole and tracked (with the
/// snapshot their change history needs). An unchanged export of a 100 000-action plan so holds one chunk at a time,
/// and the ids seen (to find the rows removed, four bytes each: <see cref="SeenIds"/>); memory grows with the changes,
/// not with the plan.
/// </remarks>
public sealed partial class PlanUpdateService(PiloteDb db, TimeProvider clock)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Rows compared per database round trip.</summary>
    public const int ChunkSize = 1_000;

    /// <summary>One import's running state: what is tracked, what the file added, which ids it named.</summary>
    private sealed class Pass(Plan plan, SheetPlan sheet, string author, DateTimeOffset now)
    {
        public Plan Plan { get; } = plan;
        public SheetPlan Sheet { get; } = sheet;
        public string Author { get; } = author;
        public DateTimeOffset Now { get; } = now;
        public List<RowChange> Changes { get; } = [];
        public Dictionary<int, Channel> Channels { get; set; } = [];
        public Dictionary<int, Objective> Objectives { get; set; } = [];
        /// <summary>The actions this file changes (or adds KPIs and comments to), tracked, with their state before.</summary>
        public Dictionary<int, PlanAction> Tracked { get; } = [];
        public Dictionary<int, ActionChangeLog.Snapshot> Before { get; } = [];
        public Dictionary<string, PlanAction> Added { get; } = new(StringComparer.OrdinalIgnoreCase);
        public SeenIds SeenActions { get; } = new();
        public HashSet<int> Removed { get; } = [];
        public HashSet<PlanAction> Touched { get; } = [];
        public int Position { get; set; }
        public ImportWords Words { get; } = new();
    }

    public async Task<PlanDiff> ImportAsync(PlanSheetRows rows, bool apply, string author, CancellationToken ct = default)
    {
        var plan = await db.Plans.FirstOrDefaultAsync(p => p.Id == rows.PlanId, ct)
            ?? throw new PiloteInputException($"Plan : le plan n°{rows.PlanId} nommé dans le classeur n'existe pas dans cette base", $"Plan: plan #{rows.PlanId} named in the workbook does not exist in this database");
        var s = new Pass(plan, rows.Plan, author, clock.GetUtcNow());
        // Stale rows refuse the whole file: each chunk's versions are checked before its rows are compared, and nothing
        // is written before the last row is read.
        CheckVersion(rows.Plan.Sheet, rows.Plan.Row, "plan", plan.Id, rows.Plan.Version, plan.Version, () => plan.Name, plan);
        s.Channels = await db.Channels.AsNoTracking().Where(c => c.WorkspaceId == plan.WorkspaceId).ToDictionaryAsync(c => c.Id, ct);
        s.Position = (await db.Actions.Where(a => a.PlanId == plan.Id).MaxAsync(a => (int?)a.Position, ct) ?? -1) + 1;

        PlanFields(plan, rows.Plan, s.Changes);
        // The large sheets are unzipped and parsed on a thread of their own while the rows before are compared: the
        // import then costs about what reading the file costs. One sheet at a time: reading all three at once was no
        // faster on two cores and held 60 MB more.
        using var actions = ReadAhead<SheetAction>.Start(rows.Actions);
        await ObjectivesAsync(s, rows.Objectives, ct);
        await ActionsAsync(s, actions, ct);
        using var kpis = ReadAhead<SheetKpi>.Start(rows.Kpis);
        await KpisAsync(s, kpis, ct);
        using var comments = rows.Comments is null ? null : ReadAhead<SheetComment>.Start(rows.Comments);
        if (comments is not null)
            await CommentsAsync(s, comments, ct);

        var changes = s.Changes;
        if (apply && changes.Count > 0)
        {
            foreach (var a in s.Tracked.Values.Where(a => !s.Removed.Contains(a.Id)))
                await ActionChangeLog.RecordAsync(db, a, s.Before[a.Id], author, s.Now, ct);
            foreach (var a in s.Added.Values)
                ActionChangeLog.Record(db, a, ActionChangeFields.Created, null, a.Title, author, s.Now);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw new PiloteInputException($"plan n°{plan.Id} : une ligne a été modifiée dans Pilote pendant l'import ; rien n'est importé, exportez à nouveau et recommencez", $"plan #{plan.Id}: a row was changed in Pilote while the import ran; nothing imported, export again and retry");
            }
        }
        return new PlanDiff(plan.Id, plan.Name, changes, apply && changes.Count > 0);
    }

    // A plan has a handful of objectives: they are loaded whole and tracked, as the action rows link to them by id.
    private async Task ObjectivesAsync(Pass s, IEnumerable<SheetObjective> sheet, CancellationToken ct)
    {
        var plan = s.Plan;
        var changes = s.Changes;
        var objectives = await db.Objectives.Where(o => o.PlanId == plan.Id).OrderBy(o => o.Id).ToListAsync(ct);
        var objectiveById = objectives.ToDictionary(o => o.Id);
        s.Objectives = objectiveById;
        var rows = sheet.ToList();
        foreach (var r in rows.Where(r => r.Id is not null))
            CheckVersion(r.Sheet, r.Row, "objective", r.Id!.Value, r.Version, objectiveById.GetValueOrDefault(r.Id.Value)?.Version,
                () => objectiveById[r.Id.Value].Statement, plan);
        foreach (var r in rows)
        {
            var o = r.Id is { } id ? objectiveById[id] : null;
            var isNew = o is null;
            o ??= new Objective { PlanId = plan.Id, Statement = "" };
            var fields = new List<FieldChange>();
            var statement = Required(r.Statement, r.Sheet, r.Row, "énoncé");
            Compare(fields, "énoncé", o.Statement, statement, () => o.Statement = statement);
            Compare(fields, "responsable", o.Owner, Blank(r.Owner), () => o.Owner = Blank(r.Owner));
            Compare(fields, "échéance", Show(o.Deadline), Show(r.Deadline), () => o.Deadline = r.Deadline);
            Compare(fields, "base", Show(o.Baseline), Show(r.Baseline), () => o.Baseline = r.Baseline);
            var kpiKey = Blank(r.KpiKey);
            KpiDefinition? kpi = null;
            if (kpiKey is not null && !string.Equals(kpiKey, o.KpiKey, StringComparison.OrdinalIgnoreCase))
                kpi = await CatalogLookup.KpiAsync(db, plan.WorkspaceId, kpiKey, $"{r.Sheet}, row {r.Row}, kpi", ct);
            Compare(fields, "kpi", o.KpiKey, kpi?.Key ?? (kpiKey is null ? null : o.KpiKey), () => o.KpiKey = kpi?.Key);
            var target = Blank(r.Target);
            if (!Same(o.TargetText, target))
            {
                fields.Add(new FieldChange("cible", o.TargetText, target));
                o.TargetText = target;
                o.Comparator = null;
                o.TargetValue = o.TargetUpper = null;
                if (target is not null)
                {
                    if (o.KpiKey is null)
                        throw new PiloteInputException($"{r.Sheet}, ligne {r.Row}, cible : « {target} » demande un KPI dans la colonne kpi", $"{r.Sheet}, row {r.Row}, cible: '{target}' needs a KPI in the kpi column");
                    kpi ??= await CatalogLookup.KpiAsync(db, plan.WorkspaceId, o.KpiKey, $"{r.Sheet}, row {r.Row}, kpi", ct);
                    var parsed = ActionTargets.Parse(target, kpi, o.Baseline, plan.Culture, $"{r.Sheet}, row {r.Row}, cible");
                    (o.Comparator, o.TargetValue, o.TargetUpper) = (parsed.Comparator, parsed.Value, parsed.UpperValue);
                }
            }
            if (isNew)
            {
                db.Objectives.Add(o);
                changes.Add(new RowChange(RowChangeKind.Added, "objective", null, o.Statement, r.Sheet, r.Row, fields));
            }
            else if (fields.Count > 0)
                changes.Add(new RowChange(RowChangeKind.Changed, "objective", o.Id, o.Statement, r.Sheet, r.Row, fields));
        }
        var keptObjectives = rows.Where(r => r.Id is not null).Select(r => r.Id!.Value).ToHashSet();
        foreach (var o in objectives.Where(o => !keptObjectives.Contains(o.Id) && s.Sheet.ListedObjective(o.Id)))
        {
            db.Objectives.Remove(o);
            changes.Add(new RowChange(RowChangeKind.Removed, "objective", o.Id, o.Statement, null, null, []));
        }
    }

    private static void PlanFields(Plan plan, SheetPlan r, List<RowChange> changes)
    {
        var at = $"{r.Sheet}, row {r.Row}";
        var fields = new List<FieldChange>();
        var name = Required(r.Name, r.Sheet, r.Row, "nom");
        Compare(fields, "nom", plan.Name, name, () => plan.Name = name);
        Compare(fields, "description", plan.Description, Blank(r.Description), () => plan.Description = Blank(r.Description));
        var start = r.Start ?? throw new PiloteInputException($"{Ligne(at)}, début : le plan doit avoir une date de début", $"{at}, début: the plan needs a start date");
        var end = r.End ?? throw new PiloteInputException($"{Ligne(at)}, fin : le plan doit avoir une date de fin", $"{at}, fin: the plan needs an end date");
        if (end < start)
            throw new PiloteInputException($"{Ligne(at)}, fin : {end:dd/MM/yyyy} précède le début {start:dd/MM/yyyy}", $"{at}, fin: {end:yyyy-MM-dd} is before the start {start:yyyy-MM-dd}");
        Compare(fields, "début", Show(plan.Start), Show(start), () => plan.Start = start);
        Compare(fields, "fin", Show(plan.End), Show(end), () => plan.End = end);
        if (r.Budget is < 0)
            throw new PiloteInputException($"{Ligne(at)}, budget : {r.Budget} est négatif", $"{at}, budget: {r.Budget} is negative");
        Compare(fields, "budget", Show(plan.Budget), Show(r.Budget), () => plan.Budget = r.Budget);
        var currency = Blank(r.Currency)?.ToUpperInvariant() ?? plan.Currency;
        if (!Inputs.IsCurrencyCode(currency))
            throw new PiloteInputException($"{Ligne(at)}, devise : « {r.Currency} » n'est pas un code de devise ISO (EUR, USD, GBP…)", $"{at}, devise: '{r.Currency}' is not an ISO currency code (EUR, USD, GBP…)");
        Compare(fields, "devise", plan.Currency, currency, () => plan.Currency = currency);
        var culture = Blank(r.Culture) is { } c ? PlanService.ParseCulture(c) : plan.Culture;
        Compare(fields, "culture", plan.Culture, culture, () => plan.Culture = culture);
        if (fields.Count > 0)
            changes.Add(new RowChange(RowChangeKind.Changed, "plan", plan.Id, plan.Name, r.Sheet, r.Row, fields));
    }

    private static CommentKind ParseCommentKind(string? text, string at) => Blank(text) is not { } t ? CommentKind.Comment
        : ActionWords.Fold(t) switch
        {
            "commentaire" or "comment" => CommentKind.Comment,
            "ajustement" or "adjustment" => CommentKind.Adjustment,
            _ => throw new PiloteInputException($"{Ligne(at)}, type : « {t} » n'est pas un type de commentaire (commentaire ou ajustement)", $"{at}, type: '{t}' is not a comment type (commentaire or ajustement)"),
        };

    private static string Word(CommentKind kind) => kind == CommentKind.Adjustment ? "ajustement" : "commentaire";

    private static string Ligne(string at) => at.Replace(", row ", ", ligne ", StringComparison.Ordinal);

    private static string Entity(string entity) => entity switch
    {
        "action" => "l'action",
        "objective" => "l'objectif",
        "plan" => "le plan",
        _ => "le " + entity,
    };

    private static string Cut(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static void CheckVersion(string sheet, int row, string entity, int id, int? version, int? stored, Func<string> label, Plan plan)
    {
        if (stored is null)
            throw new PiloteInputException($"{sheet}, ligne {row}, id {id} : {Entity(entity)} n°{id} n'est pas dans le plan n°{plan.Id} « {plan.Name} » (supprimé dans Pilote, ou ligne d'un autre plan ?) ; rien n'est importé", $"{sheet}, row {row}, id {id}: {entity} #{id} is not in plan #{plan.Id} '{plan.Name}' (deleted in Pilote, or another plan's row?); nothing imported");
        if (version != stored)
            throw new PiloteInputException(
                $"{sheet}, ligne {row}, id {id} : {Entity(entity)} « {label()} » est en version {stored} dans Pilote mais {version?.ToString(Inv) ?? "aucune"} dans le fichier : la ligne a été modifiée dans Pilote depuis l'export ; exportez à nouveau et refaites la modification (rien n'est importé)",
                $"{sheet}, row {row}, id {id}: {entity} '{label()}' is at version {stored} in Pilote but {version?.ToString(Inv) ?? "none"} in the file: it was changed in Pilote since the export; export again and redo the edit (nothing imported)");
    }

    private static void SetTarget(Plan plan, ActionKpi k, string? text, string at, string author, DateTimeOffset now)
    {
        if (text is null)
        {
            (k.TargetText, k.Comparator, k.TargetValue, k.TargetUpper) = (null, null, null, null);
            return;
        }
        var parsed = ActionTargets.Parse(text, k.Kpi!, k.Baseline, plan.Culture, $"{at}, cible");
        ActionTargets.Apply(k, text, parsed, now, author, "import du classeur");
    }

    private static void Compare(List<FieldChange> fields, string name, string? old, string? now, Action set)
    {
        if (Same(old, now))
            return;
        fields.Add(new FieldChange(name, old, now));
        set();
    }

    private static bool Same(string? a, string? b) => string.Equals(Blank(a), Blank(b), StringComparison.Ordinal);

    private static string Required(string? text, string sheet, int row, string column) =>
        Blank(text) ?? throw new PiloteInputException($"{sheet}, ligne {row}, {column} : ne peut pas être vide", $"{sheet}, row {row}, {column}: cannot be empty");

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string? Show(DateOnly? d) => d?.ToString("yyyy-MM-dd", Inv);

    private static string? Show(decimal? d) => d?.ToString("0.##########", Inv);
}
