using Microsoft.EntityFrameworkCore.Design;
using Pilote.Data;

namespace Pilote.Migrations.Postgres;

/// <summary>
/// Lets dotnet-ef build the model for this provider without a live database: from <see cref="PiloteDb"/>'s configuration,
/// never from the compiled model in <c>Data/Models</c>, which is generated from it.
/// </summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<PiloteDb>
{
    public PiloteDb CreateDbContext(string[] args) =>
        new(DatabaseTarget.Postgres("Host=localhost;Database=pilote").Options(compiledModel: false));
}
