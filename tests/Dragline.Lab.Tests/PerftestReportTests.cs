namespace Dragline.Lab.Tests;

/// <summary>The parser the scenario tests use for perftest output, on output captured from the guest (tabs included).</summary>
public sealed class PerftestReportTests
{
    private const string ReadLatency = """
        ---------------------------------------------------------------------------------------
                            RDMA_Read Latency Test
         Dual-port       : OFF		Device         : rxeA
        ---------------------------------------------------------------------------------------
         #bytes #iterations    t_min[usec]    t_max[usec]  t_typical[usec]    t_avg[usec]    t_stdev[usec]   99% percentile[usec]   99.9% percentile[usec] 
         2       200          48.39          56926.33      5980.80  	       9631.11     	10079.58		56844.27 		56926.33
        ---------------------------------------------------------------------------------------
        """;

    private const string WriteBandwidth = """
        ---------------------------------------------------------------------------------------
         #bytes     #iterations    BW peak[MB/sec]    BW average[MB/sec]   MsgRate[Mpps]
         65536      200              7.85               4.09   		   0.000065
        ---------------------------------------------------------------------------------------
        """;

    [Fact]
    public void ReadsLatencyColumns()
    {
        PerftestReport report = PerftestReport.Parse(ReadLatency);
        Assert.Equal(2, report["#bytes"]);
        Assert.Equal(200, report["#iterations"]);
        Assert.Equal(5980.80, report["t_typical[usec]"]);
        Assert.Equal(56926.33, report["99.9% percentile[usec]"]);
    }

    [Fact]
    public void ReadsBandwidthColumns()
    {
        PerftestReport report = PerftestReport.Parse(WriteBandwidth);
        Assert.Equal(65536, report["#bytes"]);
        Assert.Equal(4.09, report["BW average[MB/sec]"]);
        Assert.Equal(0.000065, report["MsgRate[Mpps]"]);
    }

    [Fact]
    public void OutputWithoutResultTableIsAnError()
    {
        FormatException error = Assert.Throws<FormatException>(() => PerftestReport.Parse(" Couldn't connect to 10.0.0.1:18515\n"));
        Assert.Contains("#bytes", error.Message, StringComparison.Ordinal);
    }
}
