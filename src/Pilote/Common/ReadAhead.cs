using System.Collections;
using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Pilote.Common;

/// <summary>
/// Enumerates a source on a thread of its own, a bounded number of items ahead of the consumer: a workbook's rows are
/// unzipped and parsed while the rows before them are compared with the database or inserted, so an import costs about
/// the longer of the two instead of their sum. Items arrive in order; an exception the source throws arrives after the
/// items before it, as it would without the thread. Memory stays bounded: at most <c>depth</c> chunks wait.
/// </summary>
/// <remarks>
/// The source starts at <see cref="Start"/>, so several sheets of one file can be read at once, each its own source
/// opening the file for itself. Enumerate once. Disposing (the consumer failed or stopped early) stops the source and
/// waits for it, so a file it reads is closed when the consumer goes on. Side effects of the source (notes it collects
/// while reading) are complete once the consumer has seen the last item.
/// </remarks>
public sealed class ReadAhead<T> : IEnumerable<T>, IDisposable
{
    private readonly BlockingCollection<T[]> _queue;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _producer;
    private ExceptionDispatchInfo? _failure;
    private bool _enumerated;

    private ReadAhead(Func<IEnumerable<T>> source, int chunk, int depth)
    {
        _queue = new BlockingCollection<T[]>(depth);
        _producer = Task.Factory.StartNew(() => Produce(source, chunk), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public static ReadAhead<T> Start(IEnumerable<T> source, int chunk = 256, int depth = 16) => new(() => source, chunk, depth);

    /// <summary>Starts a source whose opening costs too (a sheet scanned for its merged cells first): opened on the thread.</summary>
    public static ReadAhead<T> Start(Func<IEnumerable<T>> source, int chunk = 256, int depth = 16) => new(source, chunk, depth);

    public IEnumerator<T> GetEnumerator()
    {
        if (_enumerated)
            throw new InvalidOperationException("ReadAhead: a source read ahead is enumerated once");
        _enumerated = true;
        return Consume().GetEnumerator();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private IEnumerable<T> Consume()
    {
        foreach (var items in _queue.GetConsumingEnumerable())
            foreach (var item in items)
                yield return item;
        _producer.Wait();
        _failure?.Throw();
    }

    private void Produce(Func<IEnumerable<T>> source, int chunk)
    {
        var buffer = new List<T>(chunk);
        try
        {
            using (var items = source().GetEnumerator())
                while (!_stop.IsCancellationRequested && items.MoveNext())
                {
                    buffer.Add(items.Current);
                    if (buffer.Count == chunk)
                    {
                        _queue.Add([.. buffer], _stop.Token);
                        buffer.Clear();
                    }
                }
            Flush(buffer);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // The rows read before the error go first, as they would without the thread.
            try
            {
                Flush(buffer);
                _failure = ExceptionDispatchInfo.Capture(e);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
            }
        }
        finally
        {
            _queue.CompleteAdding();
        }
    }

    private void Flush(List<T> buffer)
    {
        if (buffer.Count > 0 && !_stop.IsCancellationRequested)
            _queue.Add([.. buffer], _stop.Token);
        buffer.Clear();
    }

    public void Dispose()
    {
        if (!_producer.IsCompleted)
        {
            _stop.Cancel();
            // The producer never throws: its own failure is captured for the consumer.
            _producer.Wait();
        }
        _queue.Dispose();
        _stop.Dispose();
    }
}
