using Pilote.Common;

namespace Pilote.Tests.Data;

public sealed class InputsTests
{
    [Theory]
    [InlineData("5000", 5000)]
    [InlineData("5 000", 5000)]
    [InlineData("5\u00A0000", 5000)]
    [InlineData("5\u202F000,50", 5000.50)]
    [InlineData("3,50", 3.50)]
    [InlineData("1,234.56", 1234.56)]
    [InlineData("1.234,56", 1234.56)]
    [InlineData("120,50 €", 120.50)]
    [InlineData("€ 12", 12)]
    public void Amounts_read_as_people_type_them(string text, double expected) =>
        Assert.Equal((decimal)expected, Inputs.ParseAmount(text, "--budget"));

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("12abc")]
    [InlineData("1.2.3,4,5")]
    public void Not_a_number_names_the_field_and_the_value(string text)
    {
        var ex = Assert.Throws<PiloteInputException>(() => Inputs.ParseAmount(text, "--budget"));
        Assert.Equal($"--budget: '{text}' is not a number (examples: 5000, 5 000, 3,50)", ex.Message);
    }

    [Fact]
    public void A_negative_amount_is_refused_unless_allowed()
    {
        Assert.Equal("--value: '-3' cannot be negative", Assert.Throws<PiloteInputException>(() => Inputs.ParseAmount("-3", "--value")).Message);
        Assert.Equal(-3m, Inputs.ParseAmount("-3", "--value", allowNegative: true));
    }

    [Theory]
    [InlineData("2026-03-31")]
    [InlineData("31/03/2026")]
    [InlineData("20260331")]
    public void Dates_read_in_iso_and_french_forms(string text) =>
        Assert.Equal(new DateOnly(2026, 3, 31), Inputs.ParseDate(text, "--due"));

    [Theory]
    [InlineData("2026-13-45")]
    [InlineData("demain")]
    [InlineData("31/02/2026")]
    public void A_malformed_date_names_the_field_and_the_value(string text) =>
        Assert.Equal($"--due: '{text}' is not a date (expected YYYY-MM-DD or DD/MM/YYYY)",
            Assert.Throws<PiloteInputException>(() => Inputs.ParseDate(text, "--due")).Message);
}
