using System.Globalization;
using Pilote.Actions;
using Pilote.Common;
using Pilote.Kpis;
using Pilote.Objectives;

namespace Pilote.Audit;

/// <summary>
/// The plan audit: each rule is a check the NutriBoost campaign failed. Plain functions over a loaded plan.
/// The score weighs every check made (error 10, warning 2, info 1) and gives the share passed, so a large plan
/// is not punished for its size and a plan with one blind action out of twenty keeps a high score.
/// </summary>
public static class PlanAudit
{
    public const int StaleDays = 14;

    /// <summary>KPIs that say what the money returns: a cost per result or a return on spend.</summary>
    private static readonly HashSet<string> MoneyMetrics = new(StringComparer.OrdinalIgnoreCase) { "spend", "revenue" };

    /// <summary>Metrics any channel can be judged on: business outcomes, not channel mechanics.</summary>
    private static readonly HashSet<string> OutcomeMetrics = new(StringComparer.OrdinalIgnoreCase)
    {
        "spend", "revenue", "leads", "conversions", "customers", "repeat_customers", "ltv", "meetings", "redemptions",
    };

    private static readonly ActionStatus[] Running = [ActionStatus.InProgress, ActionStatus.Live, ActionStatus.Paused, ActionStatus.Done];

    public static AuditResult Run(AuditInput input, bool french = true, AuditSurface surface = AuditSurface.CommandLine)
    {
        var checks = new Checks(french, surface, Formats.ForReader(french, input.Plan.Culture), input.Plan.Currency, input.Spreadsheet);
        PlanRules(input, checks);
        foreach (var objective in input.Plan.Objectives)
            ObjectiveRules(input, objective, checks);
        foreach (var action in input.Plan.Actions)
            ActionRules(input, action, checks);
        DuplicateCodes(input, checks);
        var findings = checks.Findings
            .OrderBy(f => f.Severity)
            .ThenBy(f => f.SubjectType == "plan" ? 0 : f.SubjectType == "objective" ? 1 : 2)
            .ThenBy(f => f.SubjectId)
            .ToList();
        return new AuditResult(checks.Score, findings);
    }

    private static void PlanRules(AuditInput input, Checks c)
    {
        var plan = input.Plan;
        var subject = c.Subject("plan", plan.Id, plan.Name);
        c.Check("period-inverted", Severity.Error, subject, plan.End < plan.Start,
            () => c.T($"la période du plan finit le {c.Date(plan.End)}, avant son début le {c.Date(plan.Start)}",
                $"the plan's period ends on {c.Date(plan.End)}, before it starts on {c.Date(plan.Start)}"),
            () => c.T("corrigez les dates de début et de fin du plan", "fix the plan's start and end dates"));

        var planned = plan.Actions.Sum(a => a.PlannedBudget ?? 0m);
        var spent = plan.Actions.Sum(a => a.Spent);
        if (plan.Budget is { } budget)
        {
            c.Check("budget-over-plan", Severity.Error, subject, planned > budget || spent > budget,
                () => spent > budget
                    ? c.T($"{c.Money(spent)} dépensés pour un budget de {c.Money(budget)}", $"{c.Money(spent)} spent against a budget of {c.Money(budget)}")
                    : c.T($"les actions prévoient {c.Money(planned)} pour un budget de {c.Money(budget)}", $"the actions plan {c.Money(planned)} against a budget of {c.Money(budget)}"),
                () => c.T("réduisez les budgets des actions ou revoyez le budget du plan", "cut the actions' budgets or revise the plan's budget"));
        }

        // Weekly arbitration is the method: a plan running for two weeks without a decided review drifts unseen. A
        // spreadsheet is never reviewed in Pilote: the finding would fire on every file and could not be fixed in it.
        if (input.Spreadsheet)
            return;
        var windowEnd = plan.End < input.AsOf ? plan.End : input.AsOf;
        var ran = windowEnd.DayNumber - plan.Start.DayNumber >= StaleDays;
        var reviewed = input.LastReview is { } last && last.DayNumber >= windowEnd.DayNumber - StaleDays;
        c.Check("no-review-cadence", Severity.Warning, subject, ran && !reviewed,
            () => input.LastReview is { } last
                ? c.T($"aucune revue décidée depuis le {c.Date(last)} : rien n'a été arbitré depuis plus de {StaleDays} jours",
                    $"no review decided since {c.Date(last)}: nothing arbitrated for more than {StaleDays} days")
                : c.T("aucune revue hebdomadaire décidée : les résultats ne sont regardés qu'après coup",
                    "no weekly review ever decided: results are only looked at after the fact"),
            () => c.Where(("lancez 'pilote review' chaque semaine et consignez les arbitrages", "run 'pilote review' every week and record the decisions"),
                ("faites la revue chaque semaine (onglet « Revue hebdo ») et consignez les arbitrages", "review the plan every week (the 'Weekly review' tab) and record the decisions")));
    }

    private static void ObjectiveRules(AuditInput input, Objective o, Checks c)
    {
        var subject = c.Subject("objective", o.Id, o.Statement);
        c.Check("objective-not-quantified", Severity.Error, subject, o.TargetValue is null,
            () => string.IsNullOrWhiteSpace(o.TargetText)
                ? c.T("pas d'objectif chiffré : rien ne dira s'il est atteint", "no number: nothing will tell whether it is reached")
                : c.T($"la cible « {o.TargetText} » n'est pas un nombre", $"the target '{o.TargetText}' is not a number"),
            () => c.Where(("donnez un indicateur et une cible chiffrée (pilote objective set … --kpi leads --target « 5 000 »)", "give a KPI and a quantified target (pilote objective set … --kpi leads --target '5 000')"),
                ("donnez un indicateur et une cible chiffrée (ex. « 5 000 leads », « >25% ») : onglet « Objectifs », « Modifier »", "give a KPI and a quantified target (e.g. '5 000 leads', '>25%'): the 'Objectives' tab, 'Edit'")));
        c.Check("objective-without-deadline", Severity.Warning, subject, o.Deadline is null,
            () => c.T("pas d'échéance", "no deadline"),
            () => c.Where(("fixez la date à laquelle l'objectif doit être atteint (pilote objective set … --deadline)", "set the date by which it must be reached (pilote objective set … --deadline)"),
                ("fixez la date à laquelle l'objectif doit être atteint (onglet « Objectifs », « Modifier »)", "set the date by which it must be reached (the 'Objectives' tab, 'Edit')")));
        c.Check("objective-without-owner", Severity.Warning, subject, string.IsNullOrWhiteSpace(o.Owner),
            () => c.T("pas de responsable", "no owner"),
            () => c.Where(("nommez la personne qui en répond (pilote objective set … --owner)", "name the person accountable for it (pilote objective set … --owner)"),
                ("nommez la personne qui en répond (onglet « Objectifs », « Modifier »)", "name the person accountable for it (the 'Objectives' tab, 'Edit')")));
        c.Check("objective-without-action", Severity.Warning, subject, !input.Plan.Actions.Any(a => a.Objectives.Any(l => l.ObjectiveId == o.Id)),
            () => c.T("aucune action n'y contribue : on ne saura pas quel canal l'a fait avancer",
                "no action serves it: nobody will know which channel moved it"),
            () => c.Where(("reliez les actions qui le servent (pilote action set … --objective)", "link the actions that serve it (pilote action set … --objective)"),
                ("reliez les actions qui le servent (page de l'action, « Objectifs servis »)", "link the actions that serve it (the action's page, 'Objectives served')")));
    }

    private static void ActionRules(AuditInput input, PlanAction a, Checks c)
    {
        var subject = c.Subject("action", a.Id, a.Title);
        var running = Running.Contains(a.Status) || a.Spent > 0;
        input.Measured.TryGetValue(a.Id, out var measured);

        c.Check("action-without-kpi", Severity.Error, subject, a.Kpis.Count == 0,
            () => c.T("aucun indicateur : ni tableau de bord ni preuve de performance possible", "no KPI: no dashboard and no proof of performance"),
            () => c.Spreadsheet
                ? c.T($"écrivez un KPI du canal ({c.ChannelKpis(input, a)}) dans la colonne KPI et sa cible dans la colonne Cible",
                    $"write one of the channel's KPIs ({c.ChannelKpis(input, a)}) in the KPI column and its target in the Target column")
                : c.T($"ajoutez un KPI du canal ({c.ChannelKpis(input, a)}) avec une cible", $"add one of the channel's KPIs ({c.ChannelKpis(input, a)}) with a target"));
        c.Check("action-without-owner", Severity.Warning, subject, string.IsNullOrWhiteSpace(a.Owner),
            () => c.T("pas de responsable", "no owner"),
            () => c.T("nommez la personne qui pilote l'action", "name the person who runs it") + c.Column("Responsable", "Owner"));
        c.Check("action-without-deadline", Severity.Warning, subject, a.Due is null,
            () => c.T("pas d'échéance", "no deadline"),
            () => c.T("fixez une date d'échéance", "set a due date") + c.Column("Échéance", "Due date"));
        c.Check("period-inverted", Severity.Error, subject, a.Start is { } s && a.Due is { } d && d < s,
            () => c.T($"l'échéance ({c.Date(a.Due)}) précède le début ({c.Date(a.Start)})", $"the due date ({c.Date(a.Due)}) is before the start ({c.Date(a.Start)})"),
            () => c.T("corrigez le début ou l'échéance", "fix the start or the due date"));

        var tracked = a.TrackingCodes.Count > 0 || measured is not null;
        c.Check("action-without-tracking", running ? Severity.Error : Severity.Warning, subject, !tracked,
            () => running
                ? c.T("aucun suivi (ni UTM, ni code promo, ni mesure) : impossible de dire ce que cette action a rapporté",
                    "no tracking (no UTM, promo code or measurement): nobody can tell what this action returned")
                : c.T("aucun suivi prévu (ni UTM, ni code promo, ni source de mesure)", "no tracking planned (no UTM, promo code or measurement source)"),
            () => c.Imported(c.Where(("donnez-lui une UTM ou un code promo (pilote action set … --utm / --promo-code) et importez ses mesures", "give it a UTM or a promo code (pilote action set … --utm / --promo-code) and import its measurements"),
                ("créez son lien de suivi ou son code promo (page de l'action, « Liens de suivi ») et importez ses mesures", "create its tracked link or promo code (the action's page, 'Tracking links') and import its measurements"))));

        var money = a.PlannedBudget is > 0 || a.Spent > 0;
        if (money)
        {
            var hasReturnKpi = a.Kpis.Any(k => k.Kpi is { } def && Metrics(def).Any(MoneyMetrics.Contains));
            // Money spent with nothing measured is the NutriBoost loss itself: an error. Money with results but no cost KPI is a gap.
            // Money with results measured but no cost KPI can still be judged by hand: worth knowing, not alarming.
            var blind = a.Spent > 0 && measured is null;
            var severity = blind ? Severity.Error : measured is null ? Severity.Warning : Severity.Info;
            c.Check("budget-without-return-kpi", severity, subject, !hasReturnKpi,
                () => blind
                    ? c.T($"{c.Money(a.Spent)} dépensés sans aucune mesure de retour", $"{c.Money(a.Spent)} spent with no measure of return")
                    : c.T($"budget de {c.Money(a.PlannedBudget ?? a.Spent)} sans indicateur de coût ou de retour (CPL, CPA, CPC, ROAS, ROI)",
                        $"a budget of {c.Money(a.PlannedBudget ?? a.Spent)} with no cost or return KPI (CPL, CPA, CPC, ROAS, ROI)"),
                () => c.T("suivez la dépense et un coût par résultat (CPL, CPA) ou un ROAS", "track spend and a cost per result (CPL, CPA) or a ROAS"));
        }

        // A spreadsheet holds no measurements: action-without-tracking already says so for each of its actions.
        if (!input.Spreadsheet)
            StaleRule(input, a, measured?.LastDay, subject, c);

        foreach (var k in a.Kpis)
            KpiRules(input, a, k, c);
    }

    private static void StaleRule(AuditInput input, PlanAction a, DateOnly? last, (string Type, int Id, string Label) subject, Checks c)
    {
        var liveSince = a.Start ?? input.Plan.Start;
        var stale = a.Status is ActionStatus.Live or ActionStatus.InProgress
            && input.AsOf.DayNumber - liveSince.DayNumber >= StaleDays
            && (last is null || input.AsOf.DayNumber - last.Value.DayNumber > StaleDays);
        c.Check("stale-measurements", Severity.Warning, subject, stale,
            () => last is { } l
                ? c.T($"action en cours sans mesure depuis le {c.Date(l)} ({input.AsOf.DayNumber - l.DayNumber} jours)",
                    $"live action with nothing measured since {c.Date(l)} ({input.AsOf.DayNumber - l.DayNumber} days)")
                : c.T($"action en cours depuis le {c.Date(liveSince)} sans aucune mesure", $"live since {c.Date(liveSince)} with nothing measured"),
            () => c.Where(("importez les exports récents (pilote measures import) ou mettez l'action en pause", "import the recent exports (pilote measures import) or pause the action"),
                ("importez les exports récents (onglet « Imports & exports ») ou mettez l'action en pause", "import the recent exports (the 'Imports & exports' tab) or pause the action")));
    }

    private static void KpiRules(AuditInput input, PlanAction a, ActionKpi k, Checks c)
    {
        var key = k.Kpi?.Key ?? $"#{k.KpiId}";
        var subject = c.Subject("kpi", k.Id, $"{key} — {a.Title}");
        var typed = !string.IsNullOrWhiteSpace(k.TargetText);
        c.Check("kpi-without-target", Severity.Error, subject, !typed && k.Target is null,
            () => c.T($"le KPI {key} n'a pas de cible : on mesure sans savoir ce qui est bon", $"KPI {key} has no target: measured without knowing what good is"),
            () => c.T("donnez une cible chiffrée (ex. « <3€ », « >25% », « 1 000 »)", "give a quantified target (e.g. '<3€', '>25%', '1 000')"));
        c.Check("target-not-quantified", Severity.Error, subject, typed && k.Target is null,
            () => c.T($"la cible « {k.TargetText} » n'est pas chiffrée", $"the target '{k.TargetText}' is not a number"),
            () => c.T("écrivez la cible avec un nombre et une unité", "write the target with a number and a unit"));
        var deadline = k.Deadline ?? a.Due;
        var start = a.Start ?? input.Plan.Start;
        c.Check("period-inverted", Severity.Error, subject, k.Deadline is { } kd && kd < start,
            () => c.T($"l'échéance de la cible ({c.Date(deadline)}) précède le début de l'action ({c.Date(start)})",
                $"the target's deadline ({c.Date(deadline)}) is before the action starts ({c.Date(start)})"),
            () => c.T("corrigez l'échéance de la cible", "fix the target's deadline"));
        if (k.Kpi is { } def && input.ChannelKpis.TryGetValue(a.ChannelId, out var suggested) && suggested.Count > 0)
        {
            // A KPI the channel does not suggest and that reads channel mechanics (opens on SEO) cannot be fed by it.
            var mismatch = !suggested.Contains(def.Key) && !Metrics(def).All(OutcomeMetrics.Contains);
            c.Check("kpi-channel-mismatch", Severity.Warning, subject, mismatch,
                () => c.T($"le KPI {c.Kpi(input, def.Key)} ne se mesure pas sur le canal {a.Channel?.Name ?? "?"}", $"KPI {c.Kpi(input, def.Key)} is not measured on channel {a.Channel?.NameEn ?? a.Channel?.Name ?? "?"}"),
                () => c.T($"prenez un KPI du canal ({c.Kpis(input, suggested)}) ou changez de canal", $"use one of the channel's KPIs ({c.Kpis(input, suggested)}) or change the channel"));
        }
    }

    private static void DuplicateCodes(AuditInput input, Checks c)
    {
        var groups = input.Plan.Actions
            .SelectMany(a => a.TrackingCodes.Select(t => (Action: a, Code: t)))
            .GroupBy(x => x.Code.Normalized, StringComparer.Ordinal);
        foreach (var g in groups)
        {
            var actions = g.Select(x => x.Action).DistinctBy(a => a.Id).ToList();
            foreach (var a in actions)
            {
                var others = actions.Where(o => o.Id != a.Id).ToList();
                c.Check("duplicate-tracking-code", Severity.Error, c.Subject("action", a.Id, a.Title), others.Count > 0,
                    () => c.T($"le code « {g.First().Code.Value} » est aussi celui de {string.Join(", ", others.Select(o => $"#{o.Id} {o.Title}"))} : leurs résultats se mélangent",
                        $"code '{g.First().Code.Value}' also belongs to {string.Join(", ", others.Select(o => $"#{o.Id} {o.Title}"))}: their results mix"),
                    () => c.T("donnez à chaque action son propre code UTM ou promo", "give each action its own UTM or promo code"));
            }
        }
    }

    private static IReadOnlyList<string> Metrics(KpiDefinition def) => KpiExpression.TryParse(def.Expression)?.Metrics ?? [];

    private sealed class Checks(bool french, AuditSurface surface, CultureInfo culture, string currency, bool spreadsheet)
    {
        private decimal _total;
        private decimal _failed;

        public List<AuditFinding> Findings { get; } = [];

        public int Score => _total == 0 ? 100 : (int)Math.Floor(100m * (_total - _failed) / _total);

        public string T(string fr, string en) => french ? fr : en;

        /// <summary>A hint that names where to act: the command, or the page of the web app.</summary>
        public string Where((string Fr, string En) commandLine, (string Fr, string En) webApp) =>
            surface == AuditSurface.WebApp ? T(webApp.Fr, webApp.En) : T(commandLine.Fr, commandLine.En);

        /// <summary>The plan is a spreadsheet's (<see cref="AuditInput.Spreadsheet"/>).</summary>
        public bool Spreadsheet => spreadsheet;

        /// <summary>A fix only Pilote can make, said of a spreadsheet's row as what to do once the plan is imported: the
        /// file cannot carry a tracking code, and « pilote action set » has no action to set yet.</summary>
        public string Imported(string hint) => spreadsheet ? T($"une fois le plan importé, {hint}", $"once the plan is imported, {hint}") : hint;

        /// <summary>« (colonne Responsable) » after a hint about a spreadsheet's row: where in the file to write it.</summary>
        public string Column(string fr, string en) => spreadsheet ? T($" (colonne {fr})", $" ({en} column)") : "";

        public string Date(DateOnly? d) => Formats.Date(d, culture);

        public string Money(decimal v) => Formats.Money(v, currency, culture);

        public (string Type, int Id, string Label) Subject(string type, int id, string name)
        {
            var word = (type, french) switch
            {
                ("plan", _) => "plan",
                ("objective", true) => "objectif",
                ("objective", false) => "objective",
                ("kpi", _) => "KPI",
                _ => "action",
            };
            return (type, id, $"{word} #{id} « {name} »");
        }

        public string ChannelKpis(AuditInput input, PlanAction a) =>
            Kpis(input, input.ChannelKpis.TryGetValue(a.ChannelId, out var keys) && keys.Count > 0 ? keys : ["cpl", "cpa", "roas"]);

        /// <summary>
        /// KPIs as the reader picks them: the keys <c>--kpi</c> takes on the command line; in the web app, the names its KPI
        /// list shows, in the reader's language (the hint read « ajoutez un KPI du canal (codes_promo, visites_magasin) »).
        /// </summary>
        public string Kpis(AuditInput input, IEnumerable<string> keys) =>
            surface == AuditSurface.WebApp && input.Catalog is not null
                ? string.Join(", ", keys.Select(k => Kpi(input, k)).Order(StringComparer.Create(culture, ignoreCase: true)))
                : string.Join(", ", keys.Order());

        public string Kpi(AuditInput input, string key) =>
            surface == AuditSurface.WebApp && input.Catalog?.GetValueOrDefault(key) is { } def ? T(def.Name, def.NameEn ?? def.Name) : key;

        public void Check(string rule, Severity severity, (string Type, int Id, string Label) subject, bool failed, Func<string> message, Func<string> hint)
        {
            var weight = Weight(severity);
            _total += weight;
            if (!failed)
                return;
            _failed += weight;
            Findings.Add(new AuditFinding(rule, severity, subject.Type, subject.Id, subject.Label, message(), hint()));
        }

        private static decimal Weight(Severity s) => s switch
        {
            Severity.Error => 10,
            Severity.Warning => 2,
            _ => 1,
        };
    }
}
