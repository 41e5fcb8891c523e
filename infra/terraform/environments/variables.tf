# The same variables as modules/eks-environment (the portal writes exactly
# these keys into environments/<name>/terraform.tfvars.json); validation is
# repeated here so a bad tfvars file fails at plan before any provider call.
# infra/tests/environment-iac.test.mjs checks that both files stay equal.

variable "environment_name" {
  description = "Name of the environment and of its EKS cluster: a DNS label of at most 20 characters."
  type        = string

  validation {
    condition     = can(regex("^[a-z]([a-z0-9-]{0,18}[a-z0-9])?$", var.environment_name))
    error_message = "environment_name must be a DNS label of at most 20 characters: lowercase letters, digits and '-', starting with a letter and not ending with '-'."
  }
}

variable "purpose" {
  description = "What the environment is for; dev and test environments expire."
  type        = string

  validation {
    condition     = contains(["dev", "test", "staging", "prod"], var.purpose)
    error_message = "purpose must be one of dev, test, staging, prod."
  }
}

variable "owner" {
  description = "Catalog entity ref of the owning group, e.g. group:default/team-a (tag owner)."
  type        = string

  validation {
    condition     = can(regex("^group:[a-z0-9._-]+/[A-Za-z0-9._-]+$", var.owner))
    error_message = "owner must be a group entity ref such as group:default/team-a."
  }
}

variable "entity_ref" {
  description = "Catalog entity ref of the environment, e.g. resource:default/dev-a (tag backstage.io/entity-ref)."
  type        = string

  validation {
    condition     = can(regex("^resource:default/[a-z]([a-z0-9-]{0,18}[a-z0-9])?$", var.entity_ref))
    error_message = "entity_ref must be resource:default/<environment name>."
  }
}

variable "region" {
  description = "AWS region the environment runs in."
  type        = string

  validation {
    condition     = contains(["ap-northeast-2", "ap-northeast-1", "us-east-1", "us-west-2", "eu-central-1"], var.region)
    error_message = "region must be one of ap-northeast-2, ap-northeast-1, us-east-1, us-west-2, eu-central-1."
  }
}

variable "vpc_name" {
  description = "Name tag of the EXISTING VPC the cluster goes into; its private subnets carry the tag kubernetes.io/role/internal-elb = 1."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9._-]{1,64}$", var.vpc_name))
    error_message = "vpc_name must be 1 to 64 letters, digits, '.', '_' or '-'."
  }
}

variable "kubernetes_version" {
  description = "Kubernetes version of the EKS control plane and node group."
  type        = string

  validation {
    condition     = contains(["1.31", "1.32", "1.33"], var.kubernetes_version)
    error_message = "kubernetes_version must be one of 1.31, 1.32, 1.33."
  }
}

variable "instance_type" {
  description = "EC2 instance type of the managed node group."
  type        = string

  validation {
    condition     = contains(["t3.medium", "t3.large", "m6i.large", "m6i.xlarge", "c6i.xlarge", "r6i.large"], var.instance_type)
    error_message = "instance_type must be one of t3.medium, t3.large, m6i.large, m6i.xlarge, c6i.xlarge, r6i.large."
  }
}

variable "min_nodes" {
  description = "Minimum size of the managed node group."
  type        = number

  validation {
    condition     = var.min_nodes >= 1 && var.min_nodes <= 20 && floor(var.min_nodes) == var.min_nodes
    error_message = "min_nodes must be a whole number from 1 to 20."
  }
}

variable "desired_nodes" {
  description = "Desired size of the managed node group (the cluster autoscaler changes it later)."
  type        = number

  validation {
    condition     = var.desired_nodes >= 1 && var.desired_nodes <= 20 && floor(var.desired_nodes) == var.desired_nodes
    error_message = "desired_nodes must be a whole number from 1 to 20."
  }
}

variable "max_nodes" {
  description = "Maximum size of the managed node group."
  type        = number

  validation {
    condition     = var.max_nodes >= 1 && var.max_nodes <= 20 && floor(var.max_nodes) == var.max_nodes
    error_message = "max_nodes must be a whole number from 1 to 20."
  }
}

variable "addons" {
  description = "Add-ons to install (Ansible); IRSA roles are created for the ones that need AWS access. The EBS CSI driver is always installed."
  type        = list(string)
  default     = []

  validation {
    condition = alltrue([
      for a in var.addons : contains(["cluster-autoscaler", "aws-load-balancer-controller", "external-dns", "monitoring", "argo-cd"], a)
    ])
    error_message = "addons may contain only cluster-autoscaler, aws-load-balancer-controller, external-dns, monitoring, argo-cd."
  }
}

variable "expires_at" {
  description = "ISO 8601 time after which the portal destroys the environment; empty for environments that do not expire (tag expires-at)."
  type        = string
  default     = ""

  validation {
    condition     = var.expires_at == "" || can(regex("^[0-9]{4}-[0-9]{2}-[0-9]{2}T", var.expires_at))
    error_message = "expires_at must be empty or an ISO 8601 timestamp."
  }
}

variable "node_group_scale" {
  description = "1 runs the node group as asked; 0 pauses the environment (node group at zero, the control plane and Argo CD applications stay)."
  type        = number
  default     = 1

  validation {
    condition     = var.node_group_scale == 0 || var.node_group_scale == 1
    error_message = "node_group_scale must be 0 (paused) or 1."
  }
}
