using Pilote.Targets;

namespace Pilote.Tests.Targets;

public class TargetParserErrorTests
{
    [Theory]
    [InlineData("", "the target is empty")]
    [InlineData("   ", "the target is empty")]
    [InlineData("beaucoup", "«beaucoup» has no number")]
    [InlineData("3 4", "«3 4» has two numbers, 3 and 4 at position 3")]
    [InlineData("1000 500", "two numbers, 1000 and 500 at position 6")]
    [InlineData("3 € 50", "two numbers, 3 and 50 at position 5")]
    [InlineData("abc 3", "«abc» at position 1 is not understood")]
    [InlineData("> leads 3", "«leads» at position 3 is not understood")]
    [InlineData(">", "«>» is not followed by a number")]
    [InlineData("au moins", "«au moins» is not followed by a number")]
    [InlineData("top", "«top» is not followed by a number")]
    [InlineData("> % 3", "unexpected «%» at position 3, expected a number")]
    [InlineData("25%%", "«%» is repeated at position 4")]
    [InlineData("25 % €", "unexpected «€» at position 6")]
    [InlineData("3.", "unexpected «.» at position 2")]
    [InlineData("3 / leads", "unexpected «/» at position 3")]
    [InlineData("-5", "a target cannot be negative («-5» at position 1)")]
    [InlineData("> -5 €", "a target cannot be negative («-5» at position 3)")]
    [InlineData("entre -2 et 3", "a target cannot be negative («-2» at position 7)")]
    [InlineData("+500", "«+500» at position 1 has a sign but no %")]
    [InlineData("entre 3 et 2", "the lower bound 3 is above the upper bound 2")]
    [InlineData("entre 2", "a range needs a second bound after «2»")]
    [InlineData("entre 2 ou 3", "expected «et» or «and» between the bounds at position 9, found «ou»")]
    [InlineData("entre 2 € et 3 %", "the two bounds are in different units")]
    [InlineData("top 2.5", "a rank is a whole number from 1, not 2.5")]
    [InlineData("top 0", "a rank is a whole number from 1, not 0")]
    [InlineData("top 3 %", "a rank has no unit")]
    [InlineData("> 3 € max", "has two comparators")]
    [InlineData("1 min 90", "«90» at position 7 should be below 60")]
    [InlineData("1 min 2 h", "«h» at position 9 comes after a unit it should be smaller than")]
    [InlineData("1,2,3", "the number «1,2,3» at position 1 has ',' where a thousands separator does not fit")]
    [InlineData("1.2.3,4", "the number «1.2.3,4» at position 1 has '.' where a thousands separator does not fit")]
    [InlineData("€ 3 €", "the currency is given twice («€» at position 5)")]
    public void Rejects_what_is_not_a_target_and_names_the_fault(string text, string fault)
    {
        var error = Assert.Throws<TargetFormatException>(() => TargetParser.Parse(text));

        Assert.Contains(fault, error.Message);
    }

    [Fact]
    public void A_relative_target_needs_a_baseline()
    {
        var error = Assert.Throws<TargetFormatException>(() => TargetParser.Parse("+20%"));

        Assert.Equal("«+20%» is relative to a baseline, and none is set", error.Message);
    }

    [Fact]
    public void A_fall_of_more_than_everything_is_rejected()
    {
        var error = Assert.Throws<TargetFormatException>(() => TargetParser.Parse("-150%", new TargetContext(Baseline: 10)));

        Assert.Contains("a target cannot be negative", error.Message);
    }
}
