import { createTranslationRef } from '@backstage/frontend-plugin-api';

/**
 * The Cost & Uptime page's, entity card's and entity tab's strings. Figures
 * are formatted by the caller (`useFormatters()`) and passed in.
 */
export const costUptimeTranslationRef = createTranslationRef({
  id: 'cost-uptime',
  messages: {
    page: {
      title: 'Cost & Uptime',
      loading: 'Loading cost, usage and uptime…',
      sources:
        "Billing data from AWS Cost Explorer (UTC days, {{currency}}); usage and availability from each environment's Prometheus.",
      lastCollection:
        'Last collection {{time}} · {{status}} · {{requests}} Cost Explorer requests ({{cost}})',
      exportCsv: 'Export CSV',
      runNow: 'Run collection now',
      runStarted: 'Collection started; figures refresh when it ends.',
      runFailed: 'Could not start a collection: {{message}}',
      prometheusFailed: 'Prometheus of {{environment}} could not be read',
      noData: {
        title: 'No cost data yet',
        failed:
          'The last collection failed: {{error}} Check the Cost Explorer settings (costUptime.costExplorer) and run it again.',
        nothing:
          'The last collection found nothing to store. Check the Cost Explorer settings (costUptime.costExplorer) and run it again.',
        firstRun:
          'The first collection has not run yet. It starts shortly after the backend; an admin can start it now.',
      },
    },
    stats: {
      monthToDate: 'This month so far',
      forecast: 'Forecast for the month',
      costExplorer: 'Cost Explorer',
      extrapolated: 'extrapolated',
      vsLastMonth: 'vs last month {{amount}}',
      uptime: 'Uptime, last 30 days',
      uptimeMeeting: '{{meeting}} of {{measured}} services meet their SLO',
      uptimeUnavailable: 'Unavailable: Prometheus could not be read',
      uptimeNone: 'No availability data yet',
      today: 'Today (estimate)',
      todayDetail:
        '{{hours}} h so far: nodes × instance price + EKS + EBS, until billed',
      todayNone: 'Needs node counts from Prometheus',
    },
    estimateChip: 'incl. estimate',
    change: {
      noEarlier: 'no earlier data',
      new: 'new',
    },
    trend: {
      title: 'Cost trend',
      subheader:
        "Paler bars are estimates (Cost Explorer's recent days, today's node estimate)",
      groupBy: {
        environment: 'Environment',
        awsService: 'AWS service',
        entity: 'Catalog entity',
      },
      range: {
        days30: '30 days',
        days90: '90 days',
        months12: '12 months',
      },
      empty: 'No cost in this range.',
    },
    charts: {
      other: 'Other',
      untagged: 'Untagged',
      estimate: '{{day}} (estimate)',
    },
    breakdown: {
      byEnvironment: 'By environment',
      byAwsService: 'By AWS service',
      compared: '{{current}} vs {{previous}}',
      comparedNotBilled: '{{current}} vs {{previous}}: {{notBilled}}',
      nothingCollected: 'Nothing collected for {{range}}: no change shown.',
      partlyCollected:
        'Only {{stored}} of {{days}} days of {{range}} collected: no change shown.',
      empty: 'No billed cost collected for {{covers}}.',
      emptyEstimate:
        'Estimate for {{month}} so far: {{amount}} (node counts × price).',
    },
    period: {
      lag: 'Cost Explorer lags 1–2 days',
      notBilledYet: 'No billed day in {{month}} yet ({{lag}})',
      notBilledYetInline: 'no billed day in {{month}} yet ({{lag}})',
      notBilledNote: '{{notBilled}}. Last month: {{lastMonth}}',
      notBilledEstimateNote:
        '{{notBilled}}; the figure is the estimate from node counts. Last month: {{lastMonth}}',
      monthAmount: '{{month}} {{amount}}',
      allOf: 'all of {{month}}',
      billed: 'Billed {{range}}',
      vs: 'vs {{amount}} {{same}}',
      notAllCollected: '{{billed}}; {{same}} not all collected, no comparison',
      nothingToCompare: '{{billed}}; nothing billed {{same}} to compare with',
    },
    range: {
      none: 'no days',
      day: '{{month}} {{day}}',
      sameMonth: '{{month}} {{from}}–{{to}}',
      span: '{{fromMonth}} {{from}} – {{toMonth}} {{to}}',
      withYear: '{{range}} {{year}}',
    },
    movers: {
      title: 'Biggest movers',
      subheader: 'Last 7 billed days vs the 7 before',
      empty: 'Not enough history yet: movers need two weeks.',
      columns: {
        what: 'What',
        last7: 'Last 7 days',
        before7: '7 days before',
        change: 'Change',
      },
      dimension: {
        environment: 'environment',
        awsService: 'AWS service',
        entity: 'entity',
      },
    },
    uptime: {
      title: 'Uptime against SLO',
      subheader: 'Availability SLI per service and environment',
      errorTitle: 'Uptime',
      unavailable: 'Uptime is unavailable: {{problem}}',
      empty:
        'No availability data yet: annotate services with cost-uptime.io/service and configure Prometheus.',
      columns: {
        service: 'Service',
        environment: 'Environment',
        availability: '{{days}}-day availability',
        slo: 'SLO',
        budget: 'Error budget left',
        daily: 'Daily',
        status: 'Status',
      },
      noData: 'no data',
      met: 'SLO met',
      missed: 'SLO missed',
    },
    usage: {
      title: 'Usage',
      subheader: 'Per environment, from Prometheus',
      hourly: 'Last 48 hours',
      daily: 'Daily, 30 days',
      unavailable: 'Usage is unavailable: {{problem}}',
      empty: 'No usage data yet.',
      withUnit: '{{title}} ({{unit}})',
      metrics: {
        cpu_percent: 'CPU',
        memory_percent: 'Memory',
        disk_percent: 'Disk',
        pv_gb: 'Persistent volumes',
        network_kbps: 'Network',
        nodes: 'Nodes',
      },
    },
    runs: {
      title: 'Collection runs',
      subheader:
        'Every Cost Explorer request costs USD 0.01; the last good run made {{requests}}.',
      errorTitle: 'Runs',
      columns: {
        started: 'Started',
        trigger: 'Trigger',
        status: 'Status',
        took: 'Took',
        rowsWritten: 'Rows written',
        requests: 'Cost Explorer requests',
        cost: 'Cost of the run',
        problem: 'Problem',
      },
      took: '{{seconds}} s',
      trigger: {
        schedule: 'schedule',
        manual: 'manual',
      },
      status: {
        succeeded: 'succeeded',
        partial: 'partial',
        failed: 'failed',
        running: 'running',
      },
    },
    entity: {
      details: 'Details',
      lastMonthOf: 'Last month ({{month}})',
      monthForecast: 'Month forecast',
      lastMonthAmount: 'last month {{amount}}',
      availability: 'Availability, last 30 days',
      noAvailability: 'No availability data yet.',
      sloHere: 'SLOs of the services here, last 30 days',
      sloCount: '{{met}} of {{total}} services meet their SLO',
      uptimeRow: '{{availability}} · SLO {{slo}} · budget left {{budget}}',
      now: 'Now',
      nowText: '{{nodes}} nodes · CPU {{cpu}} · memory {{memory}}',
      noUsage: 'No usage data yet.',
      dailyByService: 'Daily cost by AWS service',
      dailySubheader: '{{tag}}, last 30 days',
      noCost: 'No cost under this tag yet.',
      usageTitle: 'Usage, last 48 hours',
    },
    allocation: {
      environmentTitle: 'Cluster cost by service',
      environmentSubheader:
        '{{environment}}, this month so far ({{range}}): services + shared + idle = {{billed}} billed cluster cost',
      serviceTitle: 'Cost per environment: allocated and direct',
      serviceSubheader:
        'This month so far. Allocated: its share of the cluster (max(request, usage) of CPU and memory, volumes, load balancers). Direct: its own resources under its service tag.',
      loading: 'Loading the allocation…',
      empty:
        'No allocation yet: it needs billed days and Prometheus metrics of the cluster. The next collection computes it.',
      emptyService: 'No allocation for this service in any environment yet.',
      service: 'Service',
      environment: 'Environment',
      amount: 'Cost',
      share: 'Share',
      allocated: 'Allocated',
      direct: 'Direct',
      total: 'Total',
      cpuEfficiency: 'CPU efficiency',
      memoryEfficiency: 'Memory efficiency',
      saving: 'Right-sizing saving / month',
      shared: 'Shared',
      idle: 'Idle',
      billed: 'Billed cluster cost',
      sharedHint:
        'system namespaces, pods without a service, the control plane',
      idleHint: 'node capacity no pod requested or used',
      efficiencyHint:
        'Efficiency is usage ÷ request. The saving is what requests at the observed p95 usage would save in an average month.',
      estimatedDays: 'Estimated days (replaced when billed): {{days}}',
      noEstimatedDays: 'Every day shown is billed.',
      source: {
        metrics: 'Source: cluster metrics (Prometheus), priced by the AWS bill',
        estimate:
          'Source: cluster metrics priced by the hourly estimate (not billed yet)',
        'aws-split-cost': 'Source: AWS split cost allocation data for EKS',
        mixed:
          'Source: AWS split cost allocation data on some days, cluster metrics on others',
        none: 'Source: none yet',
      },
      coverageTitle: 'Where each environment’s bill goes',
      coverageLine:
        'Of {{total}} billed to {{environment}} this month: {{services}} to services, {{shared}} shared, {{idle}} idle, {{untagged}} untagged',
      coverageEmpty: '{{environment}}: no allocation yet.',
      exportCsv: 'Export allocation CSV',
    },
  },
});
