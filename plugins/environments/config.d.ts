export interface Config {
  platform?: {
    /**
     * Prices for the create-environment form's estimated monthly cost.
     * Defaults: AWS on-demand list prices in USD.
     */
    pricing?: {
      /** @visibility frontend */
      currency?: string;
      /** Hours billed per month. @visibility frontend */
      hoursPerMonth?: number;
      /** EKS control plane, per cluster-hour. @visibility frontend */
      controlPlanePerHour?: number;
      /** EBS gp3 storage, per GB-month. @visibility frontend */
      storagePerGbMonth?: number;
      /** Root volume of each node, in GB. @visibility frontend */
      nodeVolumeGb?: number;
      /** Prometheus volume when the monitoring add-on is chosen, in GB. @visibility frontend */
      monitoringVolumeGb?: number;
      /**
       * On-demand price per node-hour by instance type.
       * @visibility frontend
       */
      instanceTypes?: Array<{
        /** @visibility frontend */
        name: string;
        /** @visibility frontend */
        perHour: number;
      }>;
    };
  };
}
