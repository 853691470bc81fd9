using Pilote.Actions;

namespace Pilote.Common;

/// <summary>
/// Finds a thing by id or by an unambiguous name, the way people type it: exact (ignoring case and accents)
/// first, then a unique partial match. Anything else is a clear error listing the candidates.
/// </summary>
public static class Refs
{
    public static T Pick<T>(IReadOnlyList<T> items, string reference, Func<T, int> id, Func<T, string> name, string what)
    {
        var text = reference.Trim();
        if (int.TryParse(text.TrimStart('#'), out var number))
        {
            var byId = items.FirstOrDefault(i => id(i) == number);
            if (byId is not null)
                return byId;
        }
        var folded = ActionWords.Fold(text);
        if (folded.Length == 0)
            throw new PiloteInputException($"{what} : un nom vide ne désigne rien", $"{what}: an empty name matches nothing");
        var exact = items.Where(i => ActionWords.Fold(name(i)) == folded).ToList();
        if (exact.Count == 1)
            return exact[0];
        var candidates = exact.Count > 1 ? exact : items.Where(i => ActionWords.Fold(name(i)).Contains(folded, StringComparison.Ordinal)).ToList();
        if (candidates.Count == 1)
            return candidates[0];
        if (candidates.Count == 0)
            throw new NotFoundException($"{what} '{reference}' not found") { French = $"{what} : « {reference} » introuvable" };
        var listed = string.Join(", ", candidates.Take(5).Select(c => $"#{id(c)} '{name(c)}'"));
        throw new PiloteInputException($"{what} : « {reference} » est ambigu ; il désigne {listed} ; utilisez le numéro",
            $"{what} '{reference}' is ambiguous: it matches {listed}; use the id");
    }
}
