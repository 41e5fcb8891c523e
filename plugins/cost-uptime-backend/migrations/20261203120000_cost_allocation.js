/*
 * Each environment's daily cluster cost split between the services running
 * on it, shared platform cost and idle capacity, computed by the collection
 * from the cluster's Prometheus (kube-state-metrics, cAdvisor) and the
 * billed (or, before billing arrives, estimated) EC2, EBS, EKS and ELB cost.
 * A run replaces the days it allocated, both tables together. Money is whole
 * cents so the parts add up to the bill exactly.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('cost_allocation_days', table => {
    table.comment(
      'One environment-day of cluster cost allocation: the bill and its shared and idle parts',
    );
    table.string('environment', 191).notNullable().comment('Environment tag value');
    table.string('day', 10).notNullable().comment('UTC day, YYYY-MM-DD');
    table
      .bigInteger('billed_cents')
      .notNullable()
      .comment('USD cents of EC2 + EBS + EKS + ELB billed to the environment');
    table
      .bigInteger('shared_cents')
      .notNullable()
      .comment('System namespaces, unlabelled pods, the control plane');
    table
      .bigInteger('idle_cents')
      .notNullable()
      .comment('Capacity no pod requested or used, unmounted volumes');
    table
      .string('source', 32)
      .notNullable()
      .comment("'metrics' (billed), 'estimate' (hourly estimate) or 'aws-split-cost'");
    table
      .boolean('estimated')
      .notNullable()
      .defaultTo(false)
      .comment('Priced by an estimate or a bill AWS may still restate');
    table.string('computed_at', 30).notNullable().comment('ISO time of the run');
    table.primary(['environment', 'day']);
  });
  await knex.schema.createTable('cost_allocation_services', table => {
    table.comment('Per service, its allocated part of an environment-day (cost_allocation_days)');
    table.string('environment', 191).notNullable();
    table.string('day', 10).notNullable().comment('UTC day, YYYY-MM-DD');
    table
      .string('service', 191)
      .notNullable()
      .comment('backstage.io/kubernetes-id or app.kubernetes.io/name of its pods');
    table.bigInteger('allocated_cents').notNullable().comment('USD cents');
    table.double('cpu_request_core_hours').notNullable();
    table.double('cpu_usage_core_hours').notNullable();
    table.double('memory_request_gib_hours').notNullable();
    table.double('memory_usage_gib_hours').notNullable();
    table
      .bigInteger('rightsizing_saving_cents')
      .notNullable()
      .comment('What requests at the p95 usage would have saved that day');
    table.primary(['environment', 'day', 'service']);
    // One service across environments (the service page).
    table.index(['service', 'day'], 'cost_allocation_services_service_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('cost_allocation_services');
  await knex.schema.dropTable('cost_allocation_days');
};
