using Pilote.Kpis;
using Pilote.Targets;

namespace Pilote.Tests.Targets;

public class TargetUnitCheckTests
{
    [Theory]
    [InlineData(">25%", KpiUnit.Percent)]
    [InlineData(">25%", KpiUnit.Ratio)]
    [InlineData("<3€", KpiUnit.Currency)]
    [InlineData("> 2 min", KpiUnit.Seconds)]
    [InlineData("top 3", KpiUnit.Rank)]
    [InlineData("5 000 leads", KpiUnit.Count)]
    [InlineData("1000", KpiUnit.Count)]
    [InlineData("1000", KpiUnit.Currency)]
    [InlineData("1000", KpiUnit.Percent)]
    [InlineData("between 2 and 3", KpiUnit.Ratio)]
    public void Compatible_units_give_no_message(string text, KpiUnit kpiUnit)
    {
        Assert.Null(TargetParser.CheckUnit(TargetParser.Parse(text), kpiUnit));
    }

    [Theory]
    [InlineData(KpiUnit.Count)]
    [InlineData(KpiUnit.Currency)]
    [InlineData(KpiUnit.Percent)]
    public void A_relative_target_fits_any_kpi(KpiUnit kpiUnit)
    {
        var target = TargetParser.Parse("+20%", new TargetContext(Baseline: 10));

        Assert.Null(TargetParser.CheckUnit(target, kpiUnit));
    }

    [Theory]
    [InlineData(">25%", KpiUnit.Currency, "the target is a percentage but the KPI is measured in currency")]
    [InlineData(">25%", KpiUnit.Count, "the target is a percentage but the KPI is measured in counts")]
    [InlineData("<3€", KpiUnit.Percent, "the target is an amount of money but the KPI is measured in percent")]
    [InlineData("> 2 min", KpiUnit.Count, "the target is a duration but the KPI is measured in counts")]
    [InlineData("top 3", KpiUnit.Count, "the target is a rank but the KPI is measured in counts")]
    [InlineData("5 000 leads", KpiUnit.Currency, "the target is a count but the KPI is measured in currency")]
    [InlineData("90 s", KpiUnit.Rank, "the target is a duration but the KPI is measured in rank")]
    public void Incompatible_units_are_explained(string text, KpiUnit kpiUnit, string message)
    {
        Assert.Equal(message, TargetParser.CheckUnit(TargetParser.Parse(text), kpiUnit));
    }
}
