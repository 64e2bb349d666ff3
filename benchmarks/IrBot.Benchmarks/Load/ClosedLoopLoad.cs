using System.Diagnostics;

/// <summary>
/// wrk's model: a fixed number of connections, each sending its next request as soon as the answer to the last
/// one is in, for a fixed time. Latency is per request; an answer counts as OK only when it says the note was stored.
/// </summary>
internal static class ClosedLoopLoad
{
    public sealed record Result(int Ok, int Failed, double Seconds, double[] LatenciesMs)
    {
        public double RequestsPerSecond => Ok / Seconds;

        public double Percentile(double p) =>
            LatenciesMs.Length == 0 ? double.NaN : LatenciesMs[Math.Clamp((int)Math.Ceiling(p / 100 * LatenciesMs.Length) - 1, 0, LatenciesMs.Length - 1)];
    }

    public static async Task<Result> RunAsync(Uri url, int connections, TimeSpan duration, Func<int, int, HttpRequestMessage> request, string expectedAnswer)
    {
        using var http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        })
        {
            BaseAddress = url,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var ok = 0;
        var failed = 0;
        var latencies = new List<double>[connections];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(worker => Task.Run(async () =>
        {
            var mine = latencies[worker] = new List<double>(8192);
            for (var i = 0; clock.Elapsed < duration; i++)
            {
                using var message = request(worker, i);
                var started = Stopwatch.GetTimestamp();
                var good = false;
                try
                {
                    using var response = await http.SendAsync(message);
                    var answer = await response.Content.ReadAsStringAsync();
                    good = response.IsSuccessStatusCode && answer.Contains(expectedAnswer, StringComparison.Ordinal);
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException)
                {
                }

                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Interlocked.Increment(ref good ? ref ok : ref failed);
            }
        })));
        var seconds = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new Result(ok, failed, seconds, all);
    }
}
