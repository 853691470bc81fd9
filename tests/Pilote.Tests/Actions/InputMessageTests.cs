using Pilote.Actions;
using Pilote.Common;
using Pilote.Kpis;
using Pilote.Targets;
using Pilote.Tests.Targets;

namespace Pilote.Tests.Actions;

/// <summary>
/// Bad input reads in the person's language: the CLI names the option it was given (--due), a form or the grid names the
/// field by its label (Échéance); KPI reasons come in French and English.
/// </summary>
public sealed class InputMessageTests
{
    private static PiloteInputException Refused(Action parse) => Assert.ThrowsAny<PiloteInputException>(parse);

    [Fact]
    public void A_bad_date_names_the_option_on_the_command_line_and_the_field_in_a_form()
    {
        var ex = Refused(() => Inputs.ParseDate("demain", "--due"));
        Assert.Equal("--due: 'demain' is not a date (expected YYYY-MM-DD or DD/MM/YYYY)", ex.Message);
        Assert.Equal("--due : « demain » n'est pas une date (attendu JJ/MM/AAAA ou AAAA-MM-JJ)", ex.Say(true));
        Assert.Equal("Échéance : « demain » n'est pas une date (attendu JJ/MM/AAAA ou AAAA-MM-JJ)", ex.Show(true));
        Assert.Equal("Due: 'demain' is not a date (expected YYYY-MM-DD or DD/MM/YYYY)", ex.Show(false));
    }

    [Fact]
    public void Statuses_amounts_and_targets_are_refused_in_french_with_the_fields_label()
    {
        Assert.Equal("Statut : « fini ? » n'est pas un statut (Prévu, À lancer, En cours, Actif, En pause, Terminé ou Abandonné)",
            Refused(() => ActionWords.ParseStatus("fini ?")).Show(true));
        Assert.Equal("Budget : « beaucoup » n'est pas un nombre (exemples : 5000, 5 000, 3,50)", Refused(() => Inputs.ParseAmount("beaucoup", "--budget")).Show(true));
        Assert.Equal("Dépensé : « -3 » ne peut pas être négatif", Refused(() => Inputs.ParseAmount("-3", "--spent")).Show(true));
        var cpl = new KpiDefinition { Key = "cpl", Name = "CPL", Expression = "spend / leads", Unit = KpiUnit.Currency, Direction = Direction.LowerIsBetter };
        Assert.Equal("Cible : «3 4» a deux nombres, 3 et 4 en position 3 ; pour un intervalle écrivez «entre 2 et 3»",
            Refused(() => ActionTargets.Parse("3 4", cpl, null, "fr-FR")).Show(true));
        Assert.Equal("Cible : « >25% » ne convient pas au KPI cpl : la cible est un pourcentage mais l'indicateur se mesure en devise",
            Refused(() => ActionTargets.Parse(">25%", cpl, null, "fr-FR")).Show(true));
        Assert.Equal("Target: '>25%' does not fit KPI cpl: the target is a percentage but the KPI is measured in currency",
            Refused(() => ActionTargets.Parse(">25%", cpl, null, "fr-FR")).Show(false));
    }

    [Fact]
    public void A_message_for_a_field_the_table_does_not_know_is_left_as_it_is()
    {
        Assert.Equal("measurements[2].date: 'hier' is not a date (expected YYYY-MM-DD or DD/MM/YYYY)",
            Refused(() => Inputs.ParseDate("hier", "measurements[2].date")).Show(false));
    }

    [Fact]
    public void Why_a_kpi_has_no_value_reads_in_french_and_in_english()
    {
        var target = new Target(Comparator.AtLeast, 100);
        var none = KpiAssessor.Assess(AssessmentInputs.Cumulative(target, null));
        Assert.Equal(KpiStatus.NoData, none.Status);
        Assert.Equal("rien de mesuré entre le 01/01/2026 et le 14/02/2026", none.Why(true));
        Assert.Equal("nothing measured yet between 2026-01-01 and 2026-02-14", none.Why(false));

        var behind = KpiAssessor.Assess(AssessmentInputs.Cumulative(target, 10.5m));
        Assert.Equal(KpiStatus.OffTrack, behind.Status);
        Assert.Equal("rythme 21,0 % : 10,5 sur 50 attendus au 14/02/2026 ; prévision 21 (21 à 21) au 31/03/2026, pour au moins 100", behind.Why(true));
        Assert.Equal("pace 21.0%: 10.5 of 50 expected by 2026-02-14; forecast 21 (21 to 21) by 2026-03-31 against at least 100", behind.Why(false));
    }
}
