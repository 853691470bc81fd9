using System.Runtime.CompilerServices;
using Pilote.Actions;
using Pilote.Common;
using Pilote.Measurements.Readers;
using Pilote.Office.Common;
using Pilote.Office.Reading;
using Pilote.Plans;

namespace Pilote.Office.Plans;

/// <summary>
/// Reads a plan out of a spreadsheet Pilote did not write. Rows stream in order and each is classified: title and
/// description rows above the header, the header itself (columns mapped by their French or English words), group rows
/// (a lone label followed by a header, as monday.com writes its groups), sub-item blocks, totals and summaries, and
/// actions. Merged cells are filled down so a group typed once over several rows applies to each of them.
/// </summary>
public static class ForeignPlanReader
{
    private const int HeaderSearchRows = 40;

    /// <summary>
    /// Finds the sheet and its header, and returns the plan ready to stream its actions. Messages (columns ignored,
    /// rows left out, notes) are in French, or in English with <paramref name="french"/> false.
    /// </summary>
    public static ForeignPlan Read(string path, bool french)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is ".csv" or ".txt" or ".tsv")
            return ReadCsv(path, french);
        string? found = null;
        int header = 0;
        string file;
        using (var book = new WorkbookReader(path))
        {
            file = book.FileName;
            if (book.SheetNames.FirstOrDefault() is { } first)
                RefuseToolExport(file, string.Join('\n', book.Rows(first).Take(12).Select(r => string.Join('\t', r.Cells))), french);
            // The first sheet with a recognisable header holds the plan; monday.com's "updates" sheet comes after it.
            foreach (var sheet in book.SheetNames)
            {
                if (BestHeader(book.Rows(sheet), french) is not { } h)
                    continue;
                (found, header) = (sheet, h);
                break;
            }
            if (found is null)
                throw NoHeader(file, french);
            // The merged ranges follow the rows in the part: they are sought while the caller gets ready for the rows
            // (its catalogs, its new plan), not when the first row is asked for.
            var merges = Task.Run(() =>
            {
                using var again = new WorkbookReader(path);
                return again.MergedRanges(found);
            });
            return Start(file, found, book.Rows(found), header, french, () => Open(path, found, merges));
        }
    }

    // Each pass over the actions opens the workbook again: the plan outlives the reader that found its header.
    private static (IEnumerable<SheetRow> Rows, List<MergedRange> Merges, IDisposable Owner) Open(string path, string sheet, Task<List<MergedRange>> merges)
    {
        var ranges = merges.GetAwaiter().GetResult();
        var book = new WorkbookReader(path);
        return (book.Rows(sheet), ranges, book);
    }

    private static ForeignPlan ReadCsv(string path, bool french)
    {
        if (!File.Exists(path))
            throw InputFiles.Missing(path);
        var encoding = ExportText.DetectSpreadsheet(path);
        var head = ExportText.Head(path, encoding);
        RefuseToolExport(Path.GetFileName(path), head, french);
        var delimiter = ExportText.Delimiter(head);
        var header = BestHeader(CsvLines(path, delimiter, encoding), french) ?? throw NoHeader(Path.GetFileName(path), french);
        var plan = Start(Path.GetFileName(path), "CSV", CsvLines(path, delimiter, encoding), header, french,
            () => (CsvLines(path, delimiter, encoding), [], NoOwner.Instance));
        if (encoding == ExportText.Windows1252)
            plan.Notes.Add(new RowNote(1, french
                ? "fichier lu en Windows-1252, le codage des CSV qu'Excel enregistre (« CSV (séparateur : point-virgule) »), car il n'est pas en UTF-8 : vérifiez les accents des actions"
                : "file read as Windows-1252, the encoding of the CSV files Excel saves ('CSV (comma delimited)'), as it is not UTF-8: check the accents of the actions"));
        return plan;
    }

    /// <summary>
    /// A tool's export is measurements, not a plan: read as one, a Meta Ads report became a plan of 91 « actions » named
    /// after its campaigns. It is refused, naming the command that reads it.
    /// </summary>
    private static void RefuseToolExport(string file, string head, bool french)
    {
        if (ExportSources.ToolOf(head) is not { } tool)
            return;
        var name = ExportSources.ToolName(tool);
        throw new PiloteInputException(
            $"{file} : c'est un export {name} (des mesures), pas un plan d'action ; importez-le dans un plan avec « pilote measures import » ou l'onglet « Imports & exports » du plan",
            $"{file}: this is a {name} export (measurements), not an action plan; import it into a plan with 'pilote measures import' or the plan's 'Imports & exports' tab");
    }

    private static PiloteInputException NoHeader(string file, bool french) => new(
        $"{file} : aucune feuille n'a de ligne d'en-tête nommant au moins une colonne d'action (Action, Tâche, Activité, Name…) et une autre (Responsable, Statut, Échéance…)",
        $"{file}: no sheet has a header row naming at least an action column (Action, Tâche, Activité, Name…) and one other (Responsable, Statut, Échéance…)");

    private sealed class NoOwner : IDisposable
    {
        public static readonly NoOwner Instance = new();
        public void Dispose() { }
    }

    // The header is the row among the first ones whose cells are most clearly column names: "Plan d'action" in a
    // title row holds the word "action", but a real header names several columns exactly.
    private static int? BestHeader(IEnumerable<SheetRow> rows, bool french)
    {
        var best = (Row: (int?)null, Score: 0);
        foreach (var row in rows.Take(HeaderSearchRows))
            if (Header.Of(row, french) is { } h && h.Score > best.Score)
                best = (row.Number, h.Score);
        return best.Row;
    }

    private static IEnumerable<SheetRow> CsvLines(string path, char delimiter, System.Text.Encoding encoding)
    {
        using var csv = new CsvRows(path, delimiter, encoding, comments: false);
        while (csv.Next())
            yield return new SheetRow(csv.Row, csv.Fields());
    }

    /// <summary>
    /// The rows above the header give the plan's name and description (title and description rows); monday.com puts its
    /// first group's label just above the header. The actions stream from a second pass.
    /// </summary>
    private static ForeignPlan Start(string file, string sheet, IEnumerable<SheetRow> rows, int headerRow, bool french,
        Func<(IEnumerable<SheetRow> Rows, List<MergedRange> Merges, IDisposable Owner)> open)
    {
        var preamble = new List<(int Number, string Text, int Cells)>();
        Header? header = null;
        foreach (var row in rows)
        {
            if (row.Number >= headerRow)
            {
                header = Header.Of(row, french);
                break;
            }
            if (row.IsBlank)
                continue;
            var texts = row.Cells.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c!.Trim()).ToList();
            preamble.Add((row.Number, texts[0], texts.Count));
            if (texts.Count > 1)
                preamble.Add((row.Number, string.Join(" ", texts.Skip(1)), texts.Count));
        }
        if (header is null)
            throw NoHeader(file, french);
        (int Row, string Label)? firstGroup = null;
        if (preamble.Count >= 2 && preamble[^1] is { Cells: 1 } last && last.Number == headerRow - 1 && preamble[^2].Number < last.Number - 1)
        {
            firstGroup = (last.Number, last.Text);
            preamble.RemoveAt(preamble.Count - 1);
        }
        var name = preamble.Count > 0 ? preamble[0].Text : Path.GetFileNameWithoutExtension(file);
        var description = preamble.Count > 1 ? string.Join(" — ", preamble.Skip(1).Select(p => p.Text)) : null;
        return new ForeignPlan(file, sheet, name, description, header.Uses, plan =>
        {
            var (all, merges, owner) = open();
            return Parse(plan, all, merges, owner, headerRow, firstGroup, french);
        });
    }

    /// <summary>A header row: its columns' roles (index → role) and the reasons for the columns left out.</summary>
    private sealed record Header(Dictionary<int, string> Roles, List<ColumnUse> Uses, int TitleColumn, int Score)
    {
        public static Header? Of(SheetRow row, bool french)
        {
            var roles = new Dictionary<int, string>();
            var uses = new List<ColumnUse>();
            var score = 0;
            for (var i = 0; i < row.Cells.Length; i++)
            {
                if (string.IsNullOrWhiteSpace(row.Cells[i]))
                    continue;
                var text = row.Cells[i]!.Trim();
                var role = ColumnRoles.Of(text, french, out var why, out var exact);
                if (role == ColumnRoles.Due && roles.ContainsValue(role) && !roles.ContainsValue(ColumnRoles.DueFallback))
                    role = ColumnRoles.DueFallback;
                if (role is not null && roles.ContainsValue(role))
                    (role, why) = (null, french ? $"une deuxième colonne « {role} » (la première est retenue)" : $"a second '{role}' column (the first one is used)");
                if (role is not null)
                {
                    roles[i] = role;
                    score += exact ? 2 : 1;
                }
                uses.Add(new ColumnUse(text, CellRef.Column(i + 1), role, role is null ? why ?? (french ? "colonne que Pilote ne connaît pas" : "not a column Pilote knows") : null));
            }
            var title = roles.FirstOrDefault(r => r.Value == ColumnRoles.Title);
            return roles.ContainsValue(ColumnRoles.Title) && roles.Count >= 2 ? new Header(roles, uses, title.Key, score) : null;
        }

        private readonly Dictionary<string, int> _columns = Roles.ToDictionary(r => r.Value, r => r.Key);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public string? Get(SheetRow row, string role) =>
            _columns.TryGetValue(role, out var i) && row[i] is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

        public int? ColumnOf(string role) => _columns.TryGetValue(role, out var i) ? i : null;

        public string? HeaderOf(string role) => Uses.FirstOrDefault(u => u.Role == role)?.Header;

        public bool IsSubItems => Roles.Values.Contains(ColumnRoles.SubItems) && Roles.MinBy(r => r.Key).Value == ColumnRoles.SubItems;
    }

    private static IEnumerable<ForeignAction> Parse(ForeignPlan plan, IEnumerable<SheetRow> rows, List<MergedRange> merges, IDisposable owner,
        int firstHeader, (int Row, string Label)? firstGroup, bool french)
    {
        string T(string fr, string en) => french ? fr : en;
        using var _ = owner;
        var file = plan.File;
        var sheet = plan.Sheet;
        var ignored = plan.Ignored;
        var notes = plan.Notes;
        Header? main = null, sub = null;
        string? group = null;
        SheetRow? pending = null; // a lone label: a group if a header follows, else an action with only a title
        ForeignAction? parent = null;
        var filled = new Dictionary<int, (int LastRow, string? Value)>();

        foreach (var raw in rows)
        {
            var row = FillMerged(raw, merges, filled);
            if (row.IsBlank || row.Number < firstHeader)
                continue;
            // Repeated headers (one per monday.com group) and sub-item headers must name as many columns as a real
            // header does.
            var header = !MaybeHeader(row) ? null : Header.Of(row, french);
            if (header is not null && main is not null && header.Score < Math.Min(6, main.Score))
                header = null;
            if (header is not null)
            {
                if (main is null && firstGroup is { } g)
                {
                    group = g.Label;
                    notes.Add(new RowNote(g.Row, T($"groupe « {group} »", $"group « {group} »")));
                }
                if (pending is not null)
                {
                    group = pending.Cells.First(c => !string.IsNullOrWhiteSpace(c))!.Trim();
                    notes.Add(new RowNote(pending.Number, T($"groupe « {group} »", $"group « {group} »")));
                    pending = null;
                }
                if (header.IsSubItems && main is not null)
                    sub = header;
                else
                {
                    main = header;
                    sub = null;
                }
                continue;
            }
            if (main is null)
                continue;
            if (pending is not null)
            {
                foreach (var a in Add(file, sheet, main, pending, group, null, ignored, notes, french))
                    yield return a;
                pending = null;
            }
            var filledCells = row.Cells.Count(c => !string.IsNullOrWhiteSpace(c));
            var mainTitle = main.Get(row, ColumnRoles.Title);
            if (sub is not null && mainTitle is null)
            {
                if (sub.Get(row, ColumnRoles.Title) is null)
                    ignored.Add(new RowNote(row.Number, T("ligne de synthèse d'un bloc de sous-éléments (sans nom)", "summary row of a sub-item block (no name)")));
                else
                    foreach (var a in Add(file, sheet, sub, row, group, parent, ignored, notes, french))
                        yield return a;
                continue;
            }
            sub = null;
            if (filledCells == 1 && mainTitle is not null && row.Cells.TakeWhile(string.IsNullOrWhiteSpace).Count() == main.TitleColumn
                && main.Roles.Count > 2 && main.ColumnOf(ColumnRoles.Group) is null)
            {
                pending = row;
                continue;
            }
            if (mainTitle is null)
            {
                ignored.Add(new RowNote(row.Number, filledCells == 1 && main.Get(row, ColumnRoles.Group) is { } gr
                    ? T($"groupe « {gr} » sans action", $"group « {gr} » with no action")
                    : T("pas de nom d'action (une ligne de synthèse ou de totaux)", "no action name (a summary or totals row)")));
                if (main.Get(row, ColumnRoles.Group) is { } only && filledCells == 1)
                    group = only;
                continue;
            }
            parent = null;
            foreach (var a in Add(file, sheet, main, row, group, null, ignored, notes, french))
            {
                parent = a;
                yield return a;
            }
        }
        if (pending is not null && main is not null)
            foreach (var a in Add(file, sheet, main, pending, group, null, ignored, notes, french))
                yield return a;
    }

    // A header names columns: it holds no number. Checking this first spares the word matching on every data row.
    private static bool MaybeHeader(SheetRow row)
    {
        var texts = 0;
        foreach (var cell in row.Cells)
        {
            if (string.IsNullOrWhiteSpace(cell))
                continue;
            if (cell.Length > 60 || double.TryParse(cell, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
                return false;
            texts++;
        }
        return texts >= 2;
    }

    // Whether a title's fold could start with "total", "aucune action" or "no action": its first letter or digit is one of
    // theirs, or not ASCII (an accent folds away). Spares folding every title of a long sheet.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool MayBeSummary(string title)
    {
        foreach (var c in title)
            if (char.IsLetterOrDigit(c))
                return !char.IsAscii(c) || char.ToLowerInvariant(c) is 't' or 'a' or 'n';
        return false;
    }

    // The fold of a title's start, enough for "aucune action": a long title with an accent or a dash anywhere would
    // otherwise go whole through ICU's normalisation, on every row of a sheet whose actions all start "Action …".
    private static string FoldedStart(string title)
    {
        const int Enough = 13, Prefix = 40;
        if (title.Length <= Prefix)
            return ColumnRoles.Fold(title);
        // Never cut a surrogate pair, which normalisation refuses.
        var cut = char.IsLowSurrogate(title[Prefix]) ? Prefix - 1 : Prefix;
        var folded = ColumnRoles.Fold(title[..cut]);
        return folded.Length > Enough ? folded : ColumnRoles.Fold(title);
    }

    // A value typed once in a merged range that spans rows (a group label) is the value of every row in it. Rows outside
    // any such range come back as they are: most sheets have none, or only a title merged across columns.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static SheetRow FillMerged(SheetRow row, List<MergedRange> merges, Dictionary<int, (int LastRow, string? Value)> filled)
    {
        if (merges.Count == 0)
            return row;
        foreach (var m in merges)
            if (m.FirstRow == row.Number && m.LastRow > m.FirstRow)
                filled[m.FirstColumn - 1] = (m.LastRow, row[m.FirstColumn - 1]);
        if (filled.Count == 0)
            return row;
        var cells = row.Cells.ToList();
        foreach (var (column, (last, value)) in filled)
        {
            if (row.Number > last)
            {
                filled.Remove(column);
                continue;
            }
            while (cells.Count <= column)
                cells.Add(null);
            cells[column] ??= value;
        }
        return new SheetRow(row.Number, [.. cells]);
    }

    // Where a cell is, said only when its value is refused.
    private static string Cell((string File, string Sheet, Header H, int Row, string Role, bool French) at)
    {
        var column = $"{at.H.Uses.First(u => u.Role == at.Role).Header} ({CellRef.At(at.H.ColumnOf(at.Role)!.Value + 1, at.Row)})";
        return at.French ? $"{at.File} : feuille {at.Sheet}, ligne {at.Row}, colonne {column}" : $"{at.File}: sheet {at.Sheet}, row {at.Row}, column {column}";
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static List<ForeignAction> Add(string file, string sheet, Header h, SheetRow row, string? group,
        ForeignAction? parent, List<RowNote> ignored, List<RowNote> notes, bool french)
    {
        string T(string fr, string en) => french ? fr : en;
        var title = h.Get(row, ColumnRoles.Title)!;
        var folded = MayBeSummary(title) ? FoldedStart(title) : "";
        if (folded.StartsWith("total", StringComparison.Ordinal))
        {
            ignored.Add(new RowNote(row.Number, T($"ligne de totaux « {title} »", $"totals row « {title} »")));
            return [];
        }
        string Where(string role) => Cell((file, sheet, h, row.Number, role, french));
        var start = h.Get(row, ColumnRoles.Start) is { } s ? CellParse.Date(s, (file, sheet, h, row.Number, ColumnRoles.Start, french), Cell) : null;
        var due = h.Get(row, ColumnRoles.Due) is { } d ? CellParse.Date(d, (file, sheet, h, row.Number, ColumnRoles.Due, french), Cell) : null;
        var other = h.Get(row, ColumnRoles.DueFallback) is { } o ? CellParse.Date(o, (file, sheet, h, row.Number, ColumnRoles.DueFallback, french), Cell) : null;
        // The second end column (the end of the timeline the start comes from) stands in for a due date that is empty or
        // falls before the start: the action keeps an end the sheet does give it.
        if (due < start && other >= start)
        {
            notes.Add(new RowNote(row.Number, T($"« {title} » : l'échéance {due:dd/MM/yyyy} précède le début {start:dd/MM/yyyy} ; la fin {other:dd/MM/yyyy} de « {h.HeaderOf(ColumnRoles.DueFallback)} » est retenue",
                $"« {title} »: due date {due:yyyy-MM-dd} is before start {start:yyyy-MM-dd}; the end {other:yyyy-MM-dd} from « {h.HeaderOf(ColumnRoles.DueFallback)} » is used")));
            due = other;
        }
        due ??= other;
        if (start is { } a && due is { } b && b < a)
        {
            notes.Add(new RowNote(row.Number, T($"« {title} » : la fin {b:dd/MM/yyyy} précède le début {a:dd/MM/yyyy} ; fin laissée vide",
                $"« {title} »: end {b:yyyy-MM-dd} is before start {a:yyyy-MM-dd}; end left empty")));
            due = null;
        }
        if (decimal.TryParse(title.Replace(" ", "", StringComparison.Ordinal), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            // Quoted as the person sees the cell (« 58 700 »), not as the file stores it (58700.0).
            var seen = Formats.Measure(number, Formats.ForReader(french, null));
            ignored.Add(new RowNote(row.Number, T($"« {seen} » est un nombre, pas un nom d'action (une zone de synthèse)",
                $"« {seen} » is a number, not an action name (a summary zone)")));
            return [];
        }
        if (folded.StartsWith("aucune action", StringComparison.Ordinal) || folded.StartsWith("no action", StringComparison.Ordinal))
        {
            ignored.Add(new RowNote(row.Number, T($"« {title} » (un levier ou un groupe sans action)", $"« {title} » (a lever or group with no action)")));
            return [];
        }
        // A summary sheet (Pilote's numérique workbook) lists several actions in one cell, one per line.
        var titles = title.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var status = ActionStatus.Planned;
        if (h.Get(row, ColumnRoles.Status) is { } st)
        {
            try
            {
                status = ActionWords.ParseStatus(st, "");
            }
            catch (PiloteInputException ex) when (titles.Length == 1 && st.IndexOfAny([',', '\n', '×']) < 0)
            {
                throw new PiloteInputException(
                    $"{Where(ColumnRoles.Status)} : « {st} » n'est pas un statut (Prévu, À lancer, En cours, Actif, En pause, Terminé, Abandonné, ou ceux d'autres outils : Not Started, Working on it, Stuck, Done…)",
                    Where(ColumnRoles.Status) + ex.Message);
            }
            catch (PiloteInputException)
            {
                notes.Add(new RowNote(row.Number, T(
                    $"« {title.Replace('\n', ' ')} » : le statut « {st.Replace('\n', ' ')} » couvre plusieurs actions ; chacune commence « prévue »",
                    $"« {title.Replace('\n', ' ')} »: status « {st.Replace('\n', ' ')} » covers several actions; each starts as planned")));
            }
        }
        var budget = h.Get(row, ColumnRoles.Budget) is { } bu && titles.Length == 1 ? CellParse.Decimal(bu, (file, sheet, h, row.Number, ColumnRoles.Budget, french), Cell) : null;
        // What an action plans to spend cannot be below nothing; the cell is refused as a bad one is, before anything is stored.
        if (budget < 0)
            throw new PiloteInputException($"{Where(ColumnRoles.Budget)} : « {h.Get(row, ColumnRoles.Budget)} » ne peut pas être négatif (un budget est le montant prévu pour l'action)",
                $"{Where(ColumnRoles.Budget)}: '{h.Get(row, ColumnRoles.Budget)}' cannot be negative (a budget is what the action plans to spend)");
        var owner = h.Get(row, ColumnRoles.Owner)?.Replace("\n", ", ", StringComparison.Ordinal) ?? parent?.Owner;
        var kpi = h.Get(row, ColumnRoles.Kpi);
        var target = h.Get(row, ColumnRoles.Target);
        if (titles.Length > 1 && kpi is not null)
        {
            notes.Add(new RowNote(row.Number, T(
                $"les KPI « {kpi.Replace('\n', ' ')} » sont listés pour {titles.Length} actions ensemble ; fixez-les sur chaque action dans Pilote",
                $"KPIs « {kpi.Replace('\n', ' ')} » are listed for {titles.Length} actions together; set them on each action in Pilote")));
            (kpi, target) = (null, null);
        }
        var actions = new List<ForeignAction>(titles.Length);
        foreach (var one in titles)
            actions.Add(new ForeignAction(row.Number, parent is null ? one : $"{parent.Title} — {one}", h.Get(row, ColumnRoles.Group) ?? group,
                h.Get(row, ColumnRoles.Channel), h.Get(row, ColumnRoles.Aim), kpi, target,
                owner, h.Get(row, ColumnRoles.Team), start, due, status, budget, h.Get(row, ColumnRoles.Comments), parent?.Title));
        return actions;
    }
}
