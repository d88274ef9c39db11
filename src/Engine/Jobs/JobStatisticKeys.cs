namespace Libvirt.Engine.Jobs
{
    /// <summary>libvirt's VIR_DOMAIN_JOB_* typed parameter keys (job statistics).</summary>
    public static class JobStatisticKeys
    {
        public const string Operation = "operation";
        public const string TimeElapsed = "time_elapsed";
        public const string TimeRemaining = "time_remaining";
        public const string Downtime = "downtime";
        public const string DataTotal = "data_total";
        public const string DataProcessed = "data_processed";
        public const string DataRemaining = "data_remaining";
        public const string MemoryTotal = "memory_total";
        public const string MemoryProcessed = "memory_processed";
        public const string MemoryRemaining = "memory_remaining";
        public const string MemoryBps = "memory_bps";
        public const string MemoryIteration = "memory_iteration";
        public const string Success = "success";
        public const string ErrorMessage = "errmsg";
    }
}
