# Root configuration of one environment. The Jenkinsfile runs it with
#   -var-file=<repo>/environments/<name>/terraform.tfvars.json
# (written by the portal) and one S3 state key per environment.

provider "aws" {
  # The region the module validated: an unlisted one fails the plan before
  # the provider is configured.
  region = module.eks_environment.region

  # Tags every taggable resource gets, so billing groups by environment,
  # owner and catalog entity even where a resource forgets its own tags.
  default_tags {
    tags = {
      "environment" = var.environment_name
      "owner"       = var.owner
      "entity-ref"  = var.entity_ref
      "managed-by"  = "backstage-portal"
    }
  }
}

module "eks_environment" {
  source = "../modules/eks-environment"

  environment_name   = var.environment_name
  purpose            = var.purpose
  owner              = var.owner
  entity_ref         = var.entity_ref
  region             = var.region
  vpc_name           = var.vpc_name
  kubernetes_version = var.kubernetes_version
  instance_type      = var.instance_type
  min_nodes          = var.min_nodes
  desired_nodes      = var.desired_nodes
  max_nodes          = var.max_nodes
  node_group_scale   = var.node_group_scale
  addons             = var.addons
  expires_at         = var.expires_at
}
