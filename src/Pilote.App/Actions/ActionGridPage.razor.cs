using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.JSInterop;
using Pilote.Actions;
using Pilote.App.Layout;
using Pilote.Common;

namespace Pilote.App.Actions;

public sealed partial class ActionGridPage
{
    private sealed record GridCol(GridColumn Key, string Label, string? Hint = null, string? InputMode = null);

    private sealed record Option(string Key, string Name);

    /// <summary>One reversible step; a paste of several rows is one undo step made of several.</summary>
    private abstract record UndoPart;

    /// <summary>Cells put back by an undo, and what the edit added (a KPI, a comment) that an undo takes off again.</summary>
    private sealed record EditPart(int ActionId, Dictionary<GridColumn, string> Before, List<int> AddedKpis, List<int> AddedComments) : UndoPart;

    /// <summary>A saved row, with the KPIs and comments the save added to the action.</summary>
    private sealed record Saved(GridRow Row, List<int> AddedKpis, List<int> AddedComments);

    private sealed record AddPart(int ActionId) : UndoPart;

    private sealed record DeletePart(Dictionary<GridColumn, string> Cells) : UndoPart;

    private sealed record Conflict(int ActionId, GridRow Before, GridRow Theirs, Dictionary<GridColumn, string> Mine);

    private static GridCol[] Columns =>
    [
        new(GridColumn.Title, Ui.T("Activité / action", "Activity / action")),
        new(GridColumn.Channel, Ui.T("Canal", "Channel")),
        new(GridColumn.Aim, Ui.T("Objectif visé", "Aim")),
        new(GridColumn.Kpi, Ui.T("KPI", "KPI")),
        new(GridColumn.Target, Ui.T("Cible", "Target"), Ui.T("ex. <3 €", "e.g. <3 €")),
        new(GridColumn.Owner, Ui.T("Responsable", "Owner")),
        new(GridColumn.Start, Ui.T("Début", "Start"), Ui.T("jj/mm/aaaa", "dd/mm/yyyy")),
        new(GridColumn.Due, Ui.T("Échéance", "Due"), Ui.T("jj/mm/aaaa", "dd/mm/yyyy")),
        new(GridColumn.Status, Ui.T("Statut", "Status")),
        new(GridColumn.Budget, Ui.T("Budget", "Budget"), null, "decimal"),
        new(GridColumn.Spent, Ui.T("Dépensé", "Spent"), null, "decimal"),
        new(GridColumn.Comment, Ui.T("Commentaires & ajustements", "Comments & adjustments"), Ui.T("ajouter un commentaire", "add a comment")),
    ];

    private List<GridRow> _rows = [];
    private List<Option> _channels = [];
    private List<Option> _kpis = [];
    private readonly Stack<List<UndoPart>> _undo = new();
    private string _filter = "";
    private string _group = "";
    private GridColumn? _sort;
    private bool _desc;
    private string? _message;
    private bool _messageIsError;
    private Conflict? _conflict;
    private string _me = "";
    private HashSet<string> _myNames = [];
    private DotNetObjectReference<ActionGridPage>? _ref;

    private bool Mine => Navigation.Uri.TrimEnd('/').EndsWith("/mes-actions", StringComparison.Ordinal);

    protected override async Task LoadAsync()
    {
        await using var db = Open();
        _rows = await GridRow.LoadAsync(db, PlanId);
        var workspaceId = await db.Plans.Where(p => p.Id == PlanId).Select(p => p.WorkspaceId).FirstAsync();
        _channels = await db.Channels.AsNoTracking().Where(c => c.WorkspaceId == workspaceId).OrderBy(c => c.Position)
            .Select(c => new Option(c.Key, Ui.Name(c.Name, c.NameEn))).ToListAsync();
        _kpis = (await db.KpiDefinitions.AsNoTracking().Where(k => k.WorkspaceId == workspaceId).Select(k => new { k.Key, k.Name, k.NameEn }).ToListAsync())
            .Select(k => new Option(k.Key, Ui.Name(k.Name, k.NameEn))).OrderBy(o => o.Name, StringComparer.Create(Ui.Culture, ignoreCase: true)).ToList();
        if (Access.WorkspaceGate.UserId(User) is { } id)
        {
            var me = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new { u.DisplayName, u.Email }).FirstOrDefaultAsync();
            _me = me?.DisplayName ?? me?.Email ?? "";
            _myNames = new[] { me?.DisplayName, me?.Email, me?.Email?.Split('@')[0] }
                .Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (Ready && _ref is null && Role.CanEdit)
        {
            _ref = DotNetObjectReference.Create(this);
            await JS.InvokeVoidAsync("pilote.grid.register", _ref);
        }
    }

    private List<GridRow> Visible
    {
        get
        {
            IEnumerable<GridRow> rows = _rows;
            if (Mine)
                rows = rows.Where(r => _myNames.Contains(r[GridColumn.Owner].Trim()));
            if (_filter.Trim() is { Length: > 0 } f)
                rows = rows.Where(r => r.Cells.Values.Any(v => v.Contains(f, StringComparison.CurrentCultureIgnoreCase))
                    || r.ChannelName.Contains(f, StringComparison.CurrentCultureIgnoreCase)
                    || Ui.Status(r.Status).Contains(f, StringComparison.CurrentCultureIgnoreCase));
            if (_sort is { } s)
            {
                var comparer = Comparer<object?>.Create(Compare);
                rows = _desc ? rows.OrderByDescending(r => SortKey(r, s), comparer) : rows.OrderBy(r => SortKey(r, s), comparer);
            }
            return rows.ToList();
        }
    }

    private static object? SortKey(GridRow r, GridColumn c) => c switch
    {
        GridColumn.Start => r.Start,
        GridColumn.Due => r.Due,
        GridColumn.Status => (int)r.Status,
        GridColumn.Budget or GridColumn.Spent => decimal.TryParse(r[c], NumberStyles.Number, Ui.Culture, out var d) ? d : null,
        GridColumn.Channel => r.ChannelName,
        _ => r[c],
    };

    private static int Compare(object? a, object? b) => (a, b) switch
    {
        (null, null) => 0,
        (null, _) => 1,
        (_, null) => -1,
        (string x, string y) => string.Compare(x, y, Ui.Culture, CompareOptions.IgnoreCase),
        (IComparable x, _) => x.CompareTo(b),
        _ => 0,
    };

    private List<(string? Key, List<GridRow> Rows)> Groups()
    {
        var rows = Visible;
        return _group switch
        {
            "channel" => rows.GroupBy(r => r.ChannelName).OrderBy(g => g.Key).Select(g => ((string?)g.Key, g.ToList())).ToList(),
            "owner" => rows.GroupBy(r => r[GridColumn.Owner] is { Length: > 0 } o ? o : Ui.T("(sans responsable)", "(no owner)"))
                .OrderBy(g => g.Key).Select(g => ((string?)g.Key, g.ToList())).ToList(),
            "status" => rows.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => ((string?)Ui.Status(g.Key), g.ToList())).ToList(),
            "objective" => rows.SelectMany(r => (r.Objectives.Count == 0 ? [Ui.T("(sans objectif)", "(no objective)")] : r.Objectives).Select(o => (o, r)))
                .GroupBy(x => x.o).OrderBy(g => g.Key).Select(g => ((string?)g.Key, g.Select(x => x.r).ToList())).ToList(),
            _ => [(null, rows)],
        };
    }

    private void SortBy(GridColumn c)
    {
        if (_sort == c)
            _desc = !_desc;
        else
            (_sort, _desc) = (c, false);
    }

    private string Show(GridColumn c, string value) => c switch
    {
        GridColumn.Status => Enum.GetValues<ActionStatus>().FirstOrDefault(s => s.Id() == value) is var st && st.Id() == value ? Ui.Status(st) : value,
        GridColumn.Channel => _channels.FirstOrDefault(ch => ch.Key == value)?.Name ?? value,
        _ => value.Length == 0 ? "—" : value,
    };

    private async Task SaveAsync(GridRow row, GridColumn column, string? value)
    {
        value ??= "";
        // The handler may come from a render older than the last save: always work on the row as it is now.
        row = _rows.FirstOrDefault(r => r.Id == row.Id) ?? row;
        if (value == row[column] && !row.Pending.ContainsKey(column))
            return;
        var before = Restorable(row, [column]);
        if (await SaveCellsAsync(row, new() { [column] = value }) is { } saved)
            _undo.Push([Edit(saved, before)]);
    }

    /// <summary>
    /// The cells an undo can type back. A comment and a KPI are taken off instead (the service removes what the edit
    /// added), and an empty target cannot be typed back: it goes with its KPI.
    /// </summary>
    private static Dictionary<GridColumn, string> Restorable(GridRow row, IEnumerable<GridColumn> columns) =>
        columns.Where(c => c is not (GridColumn.Comment or GridColumn.Kpi) && !(c == GridColumn.Target && row[c].Length == 0))
            .ToDictionary(c => c, c => row[c]);

    private static EditPart Edit(Saved saved, Dictionary<GridColumn, string> before) => new(saved.Row.Id, before, saved.AddedKpis, saved.AddedComments);

    /// <summary>Saves cells of one row with the version the person saw; a stale version opens the conflict panel.</summary>
    private async Task<Saved?> SaveCellsAsync(GridRow row, Dictionary<GridColumn, string> cells)
    {
        await using var db = Open();
        List<int> kpisBefore, commentsBefore;
        try
        {
            await RequireEditorAsync(db);
            kpisBefore = await db.ActionKpis.Where(k => k.ActionId == row.Id).Select(k => k.Id).ToListAsync();
            commentsBefore = await db.ActionComments.Where(c => c.ActionId == row.Id).Select(c => c.Id).ToListAsync();
            await new ActionService(db, Clock).SetAsync(row.Id, GridRow.Fields(cells), Author, row.Version);
        }
        catch (StaleWriteException)
        {
            var theirs = (await GridRow.LoadAsync(db, PlanId, row.Id)).Single();
            _conflict = new Conflict(row.Id, row, theirs, cells);
            Say(Ui.T("Conflit : cette action a été modifiée par quelqu'un d'autre.", "Conflict: this action was changed by someone else."), error: true);
            return null;
        }
        catch (NotFoundException)
        {
            _rows.Remove(row);
            Say(Ui.T("Cette action n'existe plus.", "This action no longer exists."), error: true);
            return null;
        }
        catch (PiloteInputException ex)
        {
            foreach (var (c, v) in cells)
                row.Pending[c] = v;
            row.Error = ex.Show(Ui.Fr);
            Say(ex.Show(Ui.Fr), error: true);
            return null;
        }
        var fresh = (await GridRow.LoadAsync(db, PlanId, row.Id)).Single();
        var addedKpis = await db.ActionKpis.Where(k => k.ActionId == row.Id && !kpisBefore.Contains(k.Id)).Select(k => k.Id).ToListAsync();
        var addedComments = await db.ActionComments.Where(c => c.ActionId == row.Id && !commentsBefore.Contains(c.Id)).Select(c => c.Id).ToListAsync();
        Replace(row, fresh);
        Say(Ui.T("Enregistré.", "Saved."));
        Changes.Notify(PlanId);
        return new Saved(fresh, addedKpis, addedComments);
    }

    /// <summary>Takes off the KPIs and comments an edit added, with the row's version: a change made meanwhile is not undone blindly.</summary>
    private async Task<GridRow?> TakeBackAsync(GridRow row, EditPart e)
    {
        await using var db = Open();
        var service = new ActionService(db, Clock);
        var version = row.Version;
        try
        {
            foreach (var comment in e.AddedComments)
                version = (await service.RemoveCommentAsync(row.Id, comment, Author, version)).Version;
            foreach (var kpi in e.AddedKpis)
                version = (await service.RemoveKpiAsync(row.Id, kpi, Author, version)).Version;
        }
        catch (PiloteInputException ex)
        {
            Say(ex is StaleWriteException
                ? Ui.T("Annulation impossible : cette action a été modifiée depuis par quelqu'un d'autre.", "Cannot undo: this action was changed by someone else since.")
                : ex.Show(Ui.Fr), error: true);
            return null;
        }
        var fresh = (await GridRow.LoadAsync(db, PlanId, row.Id)).Single();
        Replace(row, fresh);
        return fresh;
    }

    private void Replace(GridRow old, GridRow fresh)
    {
        var i = _rows.FindIndex(r => r.Id == old.Id);
        fresh.Render = old.Render + 1;
        if (i >= 0)
            _rows[i] = fresh;
    }

    private async Task KeepMineAsync()
    {
        if (_conflict is not { } c)
            return;
        _conflict = null;
        var current = _rows.FirstOrDefault(r => r.Id == c.ActionId);
        if (current is null)
            return;
        Replace(current, c.Theirs);
        var before = Restorable(c.Theirs, c.Mine.Keys);
        if (await SaveCellsAsync(c.Theirs, c.Mine) is { } saved)
            _undo.Push([Edit(saved, before)]);
    }

    private void TakeTheirs()
    {
        if (_conflict is not { } c)
            return;
        _conflict = null;
        if (_rows.FirstOrDefault(r => r.Id == c.ActionId) is { } current)
            Replace(current, c.Theirs);
        Say(Ui.T("Leur version est affichée.", "Their version is shown."));
    }

    private async Task AddRowAsync()
    {
        await using var db = Open();
        await RequireEditorAsync(db);
        var channel = _rows.LastOrDefault()?[GridColumn.Channel] is { Length: > 0 } k ? k : _channels.FirstOrDefault()?.Key ?? "seo";
        var action = await new ActionService(db, Clock).AddAsync(PlanId,
            new ActionFields { Title = Ui.T("Nouvelle action", "New action"), Channel = channel, Owner = Mine ? _me : null }, Author);
        _rows.Add((await GridRow.LoadAsync(db, PlanId, action.Id)).Single());
        _undo.Push([new AddPart(action.Id)]);
        Say(Ui.T("Action ajoutée : saisissez son titre.", "Action added: type its title."));
        Changes.Notify(PlanId);
        StateHasChanged();
        await JS.InvokeVoidAsync("pilote.grid.focusRow", action.Id);
    }

    private async Task DeleteAsync(GridRow row)
    {
        await using var db = Open();
        try
        {
            await RequireEditorAsync(db);
            await GridRow.DeleteAsync(db, row.Id);
        }
        catch (PiloteInputException ex)
        {
            Say(ex.Show(Ui.Fr), error: true);
            return;
        }
        _rows.Remove(row);
        _undo.Push([new DeletePart(new Dictionary<GridColumn, string>(row.Cells))]);
        Say(Ui.T($"« {row[GridColumn.Title]} » supprimée. « Annuler » la rétablit.", $"“{row[GridColumn.Title]}” deleted. “Undo” brings it back."));
        Changes.Notify(PlanId);
    }

    [JSInvokable]
    public async Task UndoAsync()
    {
        if (!_undo.TryPop(out var parts))
            return;
        await using var db = Open();
        await RequireEditorAsync(db);
        foreach (var part in parts.AsEnumerable().Reverse())
        {
            switch (part)
            {
                case EditPart e when _rows.FirstOrDefault(r => r.Id == e.ActionId) is { } row:
                    row.Pending.Clear();
                    if (e.AddedKpis.Count + e.AddedComments.Count > 0 && await TakeBackAsync(row, e) is { } fresh)
                        row = fresh;
                    if (e.Before.Count > 0)
                        await SaveCellsAsync(row, e.Before);
                    break;
                case AddPart a:
                    await GridRow.DeleteAsync(db, a.ActionId);
                    _rows.RemoveAll(r => r.Id == a.ActionId);
                    break;
                case DeletePart d:
                    var restored = await new ActionService(db, Clock).AddAsync(PlanId,
                        GridRow.Fields(d.Cells.Where(c => c.Key != GridColumn.Comment && c.Value.Length > 0).ToDictionary()), Author);
                    _rows.Add((await GridRow.LoadAsync(db, PlanId, restored.Id)).Single());
                    break;
            }
        }
        Say(Ui.T("Dernière modification annulée.", "Last change undone."));
        Changes.Notify(PlanId);
        await InvokeAsync(StateHasChanged);
    }

    /// <summary>Escape on a refused cell: forget what was typed and show the saved value again.</summary>
    [JSInvokable]
    public Task RevertAsync(int actionId)
    {
        if (_rows.FirstOrDefault(r => r.Id == actionId) is { } row && row.Pending.Count > 0)
        {
            row.Pending.Clear();
            row.Error = null;
            row.Render++;
            _message = null;
            StateHasChanged();
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Rows copied from Excel arrive as tab-separated lines. They fill the grid from the focused cell, as in a
    /// spreadsheet; lines past the last row become new actions. The whole paste is one undo step.
    /// </summary>
    [JSInvokable]
    public async Task PasteAsync(int rowIndex, int columnIndex, string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').TrimEnd('\n').Split('\n');
        var visible = Visible;
        var cols = Columns;
        var parts = new List<UndoPart>();
        var failures = 0;
        await using var db = Open();
        await RequireEditorAsync(db);
        for (var i = 0; i < lines.Length; i++)
        {
            var values = lines[i].Split('\t');
            var cells = new Dictionary<GridColumn, string>();
            for (var j = 0; j < values.Length && columnIndex + j < cols.Length; j++)
                cells[cols[columnIndex + j].Key] = Cell(cols[columnIndex + j].Key, values[j].Trim());
            if (cells.Count == 0)
                continue;
            if (rowIndex + i < visible.Count)
            {
                var row = visible[rowIndex + i];
                var before = Restorable(row, cells.Keys);
                if (await SaveCellsAsync(row, cells) is { } saved)
                    parts.Add(Edit(saved, before));
                else
                    failures++;
                continue;
            }
            cells.TryAdd(GridColumn.Channel, _rows.LastOrDefault()?[GridColumn.Channel] ?? _channels.FirstOrDefault()?.Key ?? "seo");
            if (!cells.TryGetValue(GridColumn.Title, out var title) || title.Length == 0)
                cells[GridColumn.Title] = Ui.T("Nouvelle action", "New action");
            try
            {
                var added = await new ActionService(db, Clock).AddAsync(PlanId, GridRow.Fields(cells), Author);
                _rows.Add((await GridRow.LoadAsync(db, PlanId, added.Id)).Single());
                parts.Add(new AddPart(added.Id));
            }
            catch (PiloteInputException ex)
            {
                failures++;
                db.ChangeTracker.Clear();
                Say(Ui.T($"Ligne {i + 1} collée refusée : {ex.Show(Ui.Fr)}", $"Pasted line {i + 1} refused: {ex.Show(Ui.Fr)}"), error: true);
            }
        }
        if (parts.Count > 0)
            _undo.Push(parts);
        if (failures == 0)
            Say(Ui.T($"{Formats.Many(lines.Length, "ligne collée", "lignes collées", true)}.", $"{Formats.Many(lines.Length, "line pasted", "lines pasted", false)}."));
        Changes.Notify(PlanId);
        await InvokeAsync(StateHasChanged);
    }

    /// <summary>A pasted status or channel may be a word ("En cours", "SEA"): the service reads words; the KPI column takes keys or names.</summary>
    private string Cell(GridColumn c, string value) => c switch
    {
        GridColumn.Channel => _channels.FirstOrDefault(ch => string.Equals(ch.Name, value, StringComparison.CurrentCultureIgnoreCase))?.Key ?? value,
        GridColumn.Kpi => _kpis.FirstOrDefault(k => string.Equals(k.Name, value, StringComparison.CurrentCultureIgnoreCase))?.Key ?? value,
        _ => value,
    };

    private void Say(string message, bool error = false) => (_message, _messageIsError) = (message, error);

    public void Dispose()
    {
        if (_ref is not null)
        {
            _ = JS.InvokeVoidAsync("pilote.grid.unregister", _ref).AsTask().ContinueWith(_ => { }, TaskScheduler.Default);
            _ref.Dispose();
        }
    }
}
