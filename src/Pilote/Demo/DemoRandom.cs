namespace Pilote.Demo;

/// <summary>
/// SplitMix64: a tiny generator whose sequence is fixed by its seed on every runtime, so the demo's
/// measurements are the same numbers everywhere (System.Random promises no such thing across versions).
/// </summary>
internal sealed class DemoRandom(ulong seed)
{
    private ulong _state = seed;

    public double NextDouble()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>A value around <paramref name="mean"/>, within ±<paramref name="spread"/> (a share of the mean).</summary>
    public decimal Around(double mean, double spread = 0.15) =>
        (decimal)(mean * (1 + spread * (2 * NextDouble() - 1)));

    public decimal Count(double mean, double spread = 0.15) => Math.Max(0, Math.Round(Around(mean, spread)));

    public decimal Money(double mean, double spread = 0.1) => Math.Round(Around(mean, spread), 2);
}
