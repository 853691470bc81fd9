using Pilote.Common;

namespace Pilote.Measurements;

/// <summary>
/// An export whose rows have no date and which names no reporting period (Google Ads' « Depuis le début » report): the
/// figures cannot be placed in time until the person says which period they cover (<c>--start</c> and <c>--end</c>, or
/// the period fields of the imports page, which recognises this refusal by its type).
/// </summary>
public sealed class MissingPeriodException(string french, string english) : PiloteInputException(french, english);
