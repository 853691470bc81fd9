using System.Globalization;
using Bunit;
using Pilote.App.Actions;
using Pilote.App.Dashboards;
using Pilote.App.Objectives;
using Pilote.Kpis;
using Pilote.Objectives;
using Pilote.Targets;

namespace Pilote.App.Tests.Web;

/// <summary>The dashboard's and pages' drawing components, rendered with bUnit in French.</summary>
public sealed class ComponentTests : BunitContext
{
    public ComponentTests()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr-FR");
    }

    [Fact]
    public void A_sparkline_draws_one_point_per_measured_week_and_the_target_when_it_is_in_range()
    {
        var cut = Render<Sparkline>(p => p
            .Add(x => x.Values, [0.30m, null, 0.34m, 0.35m])
            .Add(x => x.Target, 0.30m)
            .Add(x => x.Label, "Taux d'ouverture par semaine"));
        var line = cut.Find("polyline");
        // Three measured weeks (the empty one is skipped, not drawn as zero).
        Assert.Equal(3, line.GetAttribute("points")!.Split(' ').Length);
        Assert.Single(cut.FindAll("line.spark-target"));
        Assert.Equal("Taux d'ouverture par semaine", cut.Find("svg").GetAttribute("aria-label"));
    }

    [Fact]
    public void A_sparkline_with_fewer_than_two_weeks_says_so_instead_of_drawing()
    {
        var cut = Render<Sparkline>(p => p.Add(x => x.Values, [12m]));
        Assert.Empty(cut.FindAll("polyline"));
        Assert.Contains("pas encore de série", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void The_pace_gauge_needle_sits_on_the_100_percent_mark_at_pace_one()
    {
        var cut = Render<PaceGauge>(p => p.Add(x => x.Value, 1m).Add(x => x.Label, "Rythme 100 %"));
        var needle = cut.Find("line.gauge-needle");
        var mark = cut.Find("line.gauge-mark");
        // The mark is at two thirds of the half-dial (1 on a 0–1.5 scale): needle and mark point the same way.
        var nx = double.Parse(needle.GetAttribute("x2")!, CultureInfo.InvariantCulture) - 40;
        var ny = 40 - double.Parse(needle.GetAttribute("y2")!, CultureInfo.InvariantCulture);
        var mx = double.Parse(mark.GetAttribute("x2")!, CultureInfo.InvariantCulture) - 40;
        var my = 40 - double.Parse(mark.GetAttribute("y2")!, CultureInfo.InvariantCulture);
        Assert.Equal(Math.Atan2(my, mx), Math.Atan2(ny, nx), 1);
        Assert.Empty(Render<PaceGauge>(p => p.Add(x => x.Value, null)).FindAll("line.gauge-needle"));
    }

    [Fact]
    public void The_SMART_badges_name_what_an_objective_lacks_in_French()
    {
        var vague = SmartCheck.Check(new Objective { Statement = "Gagner en notoriété dans le Golfe", Owner = "Inès Mansour" });
        var cut = Render<SmartBadges>(p => p.Add(x => x.Result, vague));
        Assert.Equal("true", cut.Find("[data-testid=smart-number]").GetAttribute("data-missing"));
        Assert.Contains("pas d'échéance", cut.Find("[data-testid=smart-deadline]").TextContent, StringComparison.Ordinal);
        Assert.Equal("false", cut.Find("[data-testid=smart-owner]").GetAttribute("data-missing"));
    }

    [Fact]
    public void A_KPI_chart_of_a_cumulative_target_draws_the_running_total_the_target_and_the_pacing_line()
    {
        var monday = new DateOnly(2026, 8, 17);
        var weekly = new[] { 38m, 61m, 84m }.Select((v, i) => new WeekValue(monday.AddDays(7 * i), v)).ToList();
        var cut = Render<KpiChart>(p => p
            .Add(x => x.Weekly, weekly)
            .Add(x => x.Kind, TargetKind.Cumulative)
            .Add(x => x.Target, 300m)
            .Add(x => x.Unit, KpiUnit.Count)
            .Add(x => x.From, monday)
            .Add(x => x.Deadline, monday.AddDays(41)));
        Assert.Single(cut.FindAll("line.pace-line"));
        Assert.Single(cut.FindAll("line.target-line"));
        Assert.Equal(3, cut.FindAll("circle.actual-dot").Count);
        // Running total 38, 99, 183: the last point is the highest.
        var ys = cut.FindAll("circle.actual-dot").Select(c => double.Parse(c.GetAttribute("cy")!, CultureInfo.InvariantCulture)).ToList();
        Assert.True(ys[0] > ys[1] && ys[1] > ys[2]);
        Assert.Contains("17/08/2026", cut.Markup, StringComparison.Ordinal);
    }
}
