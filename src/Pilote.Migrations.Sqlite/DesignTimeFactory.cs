using Microsoft.EntityFrameworkCore.Design;
using Pilote.Data;

namespace Pilote.Migrations.Sqlite;

/// <summary>Lets dotnet-ef build the model for this provider without a live database.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<PiloteDb>
{
    public PiloteDb CreateDbContext(string[] args) =>
        DatabaseTarget.Sqlite("design-time.db").Open();
}
