using static Pilote.Targets.TargetMath;

namespace Pilote.Targets;

/// <summary>The status rules of <see cref="KpiAssessor"/>, once the numbers are known.</summary>
internal sealed record KpiJudge(
    KpiAssessmentInput Input,
    decimal Actual,
    decimal? Expected,
    decimal? Pace,
    Forecast? Forecast,
    decimal? Attainment,
    bool French = false)
{
    private const decimal OnTrackPace = 0.95m;
    private const decimal AtRiskPace = 0.75m;
    private const decimal AtRiskAttainment = 0.9m;

    private Target Target => Input.Target;

    private bool DeadlinePassed => Input.AsOf >= Input.Deadline;

    private string Goal => Describe(Target, French, Format);

    private string T(string fr, string en) => French ? fr : en;

    // Values in the KPI's unit and the reader's culture (« 3,1 % pour plus de 3 % », « 51,66 € »), where the reasons
    // wrote raw fractions (« 0,0314 pour plus de 0,03 »); without a unit (a bare assessment), the plain number as before.
    private System.Globalization.CultureInfo Culture => Common.Formats.ForReader(French, Input.Culture);

    private string Format(decimal value) => (Input.Unit ?? Target.Unit) is { } unit
        ? Common.Formats.Kpi(value, unit, Input.Currency ?? Target.Currency ?? "EUR", Culture)
        : TargetMath.Format(value, French);

    // Pace and attainment as every surface writes them (Formats.Attainment), « rythme 92,0 % ».
    private string Share(decimal fraction) => Common.Formats.Attainment(fraction, Culture);

    private string Format(DateOnly date) => TargetMath.Format(date, French);

    public (KpiStatus, string) Cumulative()
    {
        if (IsLowerBetter(Target.Comparator))
        {
            return Cap();
        }

        if (Target.Comparator is Comparator.Between or Comparator.Equal)
        {
            return Range();
        }

        return Satisfied(Target, Actual) ? Met() : Climb(value => Satisfied(Target, value));
    }

    public (KpiStatus, string) Rate()
    {
        if (Satisfied(Target, Actual))
        {
            return Met();
        }

        if (DeadlinePassed)
        {
            return Missed();
        }

        var recent = Input.Recent ?? Forecast?.Value;
        if (recent is { } r && Satisfied(Target, r))
        {
            return (KpiStatus.OnTrack, T($"en amélioration : {Format(Actual)} jusqu'ici mais {Format(r)} récemment, pour {Goal}", $"improving: {Format(Actual)} so far but {Format(r)} recently, against {Goal}"));
        }

        var status = Attainment >= AtRiskAttainment ? KpiStatus.AtRisk : KpiStatus.OffTrack;
        var attained = Attainment is { } a ? T($"atteinte {Share(a)} : ", $"attainment {Share(a)}: ") : "";
        return (status, T($"{attained}{Format(Actual)} pour {Goal}", $"{attained}{Format(Actual)} against {Goal}"));
    }

    /// <summary>A count to reach by the deadline: judged on pace and on the forecast.</summary>
    private (KpiStatus, string) Climb(Func<decimal, bool> reaches)
    {
        if (DeadlinePassed)
        {
            return Missed();
        }

        var paceText = Pace is { } p
            ? T($"rythme {Share(p)} : {Format(Actual)} sur {Format(Expected ?? 0)} attendus au {Format(Input.AsOf)}",
                $"pace {Share(p)}: {Format(Actual)} of {Format(Expected ?? 0)} expected by {Format(Input.AsOf)}")
            : T($"{Format(Actual)} jusqu'ici", $"{Format(Actual)} so far");
        var forecastText = Forecast is { } f
            ? T($" ; prévision {Format(f.Value)} ({Format(f.Low)} à {Format(f.High)}) au {Format(Input.Deadline)}",
                $"; forecast {Format(f.Value)} ({Format(f.Low)} to {Format(f.High)}) by {Format(Input.Deadline)}")
            : "";
        var reason = T($"{paceText}{forecastText}, pour {Goal}", $"{paceText}{forecastText} against {Goal}");
        if (Pace >= OnTrackPace || (Forecast is { } fv && reaches(fv.Value)))
        {
            return (KpiStatus.OnTrack, reason);
        }

        if (Pace >= AtRiskPace || (Forecast is { } fh && reaches(fh.High)))
        {
            return (KpiStatus.AtRisk, reason);
        }

        return (KpiStatus.OffTrack, reason);
    }

    /// <summary>A ceiling on a cumulative count (max spend): broken for good once exceeded.</summary>
    private (KpiStatus, string) Cap()
    {
        if (!Satisfied(Target, Actual))
        {
            return (KpiStatus.OffTrack, T($"{Format(Actual)} dépasse déjà le plafond de {Goal}", $"{Format(Actual)} already breaks the cap of {Goal}"));
        }

        if (DeadlinePassed)
        {
            return Met();
        }

        if (Forecast is { } f && !Satisfied(Target, f.Value))
        {
            return (KpiStatus.AtRisk, T($"{Format(Actual)} jusqu'ici, mais la prévision {Format(f.Value)} au {Format(Input.Deadline)} dépasse {Goal}",
                $"{Format(Actual)} so far, but the forecast {Format(f.Value)} by {Format(Input.Deadline)} breaks {Goal}"));
        }

        var forecastText = Forecast is { } g ? T($", prévision {Format(g.Value)} au {Format(Input.Deadline)}", $", forecast {Format(g.Value)} by {Format(Input.Deadline)}") : "";
        return (KpiStatus.OnTrack, T($"{Format(Actual)} jusqu'ici{forecastText}, dans la limite de {Goal}", $"{Format(Actual)} so far{forecastText}, within {Goal}"));
    }

    /// <summary>
    /// A cumulative count to bring into a range (or onto a value): the lower bound is climbed like a goal,
    /// the upper one is a cap that cannot be undone once crossed.
    /// </summary>
    private (KpiStatus, string) Range()
    {
        var upper = Upper(Target);
        if (Actual > upper)
        {
            return (KpiStatus.OffTrack, T($"{Format(Actual)} est déjà au-dessus de {Goal}", $"{Format(Actual)} is already above {Goal}"));
        }

        if (Actual < Target.Value)
        {
            return Climb(value => value >= Target.Value);
        }

        if (!DeadlinePassed && Forecast is { } f && f.Value > upper)
        {
            return (KpiStatus.AtRisk, T($"{Format(Actual)} est dans {Goal}, mais la prévision {Format(f.Value)} au {Format(Input.Deadline)} passe au-dessus",
                $"{Format(Actual)} is within {Goal}, but the forecast {Format(f.Value)} by {Format(Input.Deadline)} goes above"));
        }

        return Met();
    }

    private (KpiStatus, string) Met() => (KpiStatus.Met, T($"atteint : {Format(Actual)} pour {Goal}", $"met: {Format(Actual)} against {Goal}"));

    private (KpiStatus, string) Missed() =>
        (KpiStatus.OffTrack, T($"échéance du {Format(Input.Deadline)} atteinte à {Format(Actual)} pour {Goal}",
            $"deadline {Format(Input.Deadline)} reached at {Format(Actual)} against {Goal}"));
}
