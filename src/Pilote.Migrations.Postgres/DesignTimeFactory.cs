using Microsoft.EntityFrameworkCore.Design;
using Pilote.Data;

namespace Pilote.Migrations.Postgres;

/// <summary>Lets dotnet-ef build the model for this provider without a live database.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<PiloteDb>
{
    public PiloteDb CreateDbContext(string[] args) =>
        DatabaseTarget.Postgres("Host=localhost;Database=pilote").Open();
}
