namespace Pilote.Measurements;

/// <summary>
/// Where a bulk writer puts a row's values, column by column in the table's order: a prepared SQLite statement's
/// parameters (<see cref="SqliteStatement"/>), a PostgreSQL binary COPY, or the column arrays of an unnest. Typed, so a
/// few hundred thousand rows box nothing on their way.
/// </summary>
public interface IRowSink
{
    void Int(int value);
    void Int(int? value);
    void Long(long value);
    void Text(string? value);
    void Day(DateOnly value);
    void Decimal(decimal value);
    void Instant(DateTimeOffset value);
}

/// <summary>
/// Rows turned into one typed array per column, for <c>INSERT … SELECT FROM unnest(@c0, @c1, …)</c> on PostgreSQL
/// (COPY has no upsert). Each array is made by the first row's value in its column.
/// </summary>
internal sealed class ColumnArrays(int rows, int width) : IRowSink
{
    private int _row = -1;
    private int _column;

    public Array[] Arrays { get; } = new Array[width];

    public void StartRow()
    {
        _row++;
        _column = 0;
    }

    public void Int(int value) => Put(value);

    public void Int(int? value) => Put(value);

    public void Long(long value) => Put(value);

    public void Text(string? value) => Put(value);

    public void Day(DateOnly value) => Put(value);

    public void Decimal(decimal value) => Put(value);

    public void Instant(DateTimeOffset value) => Put(value);

    private void Put<T>(T value) => ((T[])(Arrays[_column++] ??= new T[rows]))[_row] = value;
}
