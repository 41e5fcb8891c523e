# An EKS environment in an existing VPC: control plane, one managed node
# group, the cluster's OIDC provider and the IAM roles for service accounts
# (IRSA) the add-ons use. Every resource carries the environment, owner and
# entity-ref tags (the cost plugin groups billing by them); the root
# configuration also sets them as the provider's default_tags.

locals {
  tags = {
    "environment" = var.environment_name
    "owner"       = var.owner
    "entity-ref"  = var.entity_ref
    "purpose"     = var.purpose
    "expires-at"  = var.expires_at
    "managed-by"  = "backstage-portal"
  }

  oidc_issuer = trimprefix(aws_eks_cluster.this.identity[0].oidc[0].issuer, "https://")

  # Service accounts that get an IAM role (IRSA): namespace, service account,
  # and whether the environment asked for the add-on. EBS CSI is always there
  # (Prometheus keeps its data on EBS volumes).
  irsa = {
    "cluster-autoscaler" = {
      namespace       = "kube-system"
      service_account = "cluster-autoscaler"
      enabled         = contains(var.addons, "cluster-autoscaler")
    }
    "aws-load-balancer-controller" = {
      namespace       = "kube-system"
      service_account = "aws-load-balancer-controller"
      enabled         = contains(var.addons, "aws-load-balancer-controller")
    }
    "external-dns" = {
      namespace       = "kube-system"
      service_account = "external-dns"
      enabled         = contains(var.addons, "external-dns")
    }
    "ebs-csi" = {
      namespace       = "kube-system"
      service_account = "ebs-csi-controller-sa"
      enabled         = true
    }
  }
  irsa_enabled = { for k, v in local.irsa : k => v if v.enabled }
}

data "aws_partition" "current" {}

data "aws_vpc" "selected" {
  tags = {
    Name = var.vpc_name
  }
}

data "aws_subnets" "private" {
  filter {
    name   = "vpc-id"
    values = [data.aws_vpc.selected.id]
  }

  tags = {
    "kubernetes.io/role/internal-elb" = "1"
  }
}

# --- control plane -----------------------------------------------------------

# Who may assume the control plane's and the nodes' roles: EKS and EC2.
data "aws_iam_policy_document" "service_assume" {
  for_each = {
    cluster = { service = "eks.amazonaws.com", actions = ["sts:AssumeRole", "sts:TagSession"] }
    node    = { service = "ec2.amazonaws.com", actions = ["sts:AssumeRole"] }
  }

  statement {
    actions = each.value.actions
    principals {
      type        = "Service"
      identifiers = [each.value.service]
    }
  }
}

resource "aws_iam_role" "cluster" {
  name               = "${var.environment_name}-eks-cluster"
  assume_role_policy = data.aws_iam_policy_document.service_assume["cluster"].json
  tags               = local.tags
}

resource "aws_iam_role_policy_attachment" "cluster" {
  role       = aws_iam_role.cluster.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonEKSClusterPolicy"
}

resource "aws_security_group" "cluster" {
  name        = "${var.environment_name}-eks-cluster"
  description = "EKS control plane of ${var.environment_name}"
  vpc_id      = data.aws_vpc.selected.id
  tags        = merge(local.tags, { Name = "${var.environment_name}-eks-cluster" })
}

resource "aws_eks_cluster" "this" {
  name     = var.environment_name
  version  = var.kubernetes_version
  role_arn = aws_iam_role.cluster.arn

  vpc_config {
    subnet_ids              = data.aws_subnets.private.ids
    security_group_ids      = [aws_security_group.cluster.id]
    endpoint_private_access = true
    endpoint_public_access  = true
  }

  access_config {
    authentication_mode = "API_AND_CONFIG_MAP"
  }

  enabled_cluster_log_types = ["api", "audit", "authenticator"]

  tags = local.tags

  lifecycle {
    precondition {
      condition     = length(data.aws_subnets.private.ids) >= 2
      error_message = "The VPC ${var.vpc_name} needs at least two private subnets tagged kubernetes.io/role/internal-elb = 1."
    }
  }

  depends_on = [aws_iam_role_policy_attachment.cluster]
}

# --- OIDC provider (IRSA) ------------------------------------------------------

data "tls_certificate" "oidc" {
  url = aws_eks_cluster.this.identity[0].oidc[0].issuer
}

resource "aws_iam_openid_connect_provider" "this" {
  url             = aws_eks_cluster.this.identity[0].oidc[0].issuer
  client_id_list  = ["sts.amazonaws.com"]
  thumbprint_list = [data.tls_certificate.oidc.certificates[0].sha1_fingerprint]
  tags            = local.tags
}

# --- managed node group -------------------------------------------------------

resource "aws_iam_role" "node" {
  name               = "${var.environment_name}-eks-node"
  assume_role_policy = data.aws_iam_policy_document.service_assume["node"].json
  tags               = local.tags
}

resource "aws_iam_role_policy_attachment" "node" {
  for_each = toset([
    "AmazonEKSWorkerNodePolicy",
    "AmazonEKS_CNI_Policy",
    "AmazonEC2ContainerRegistryReadOnly",
  ])
  role       = aws_iam_role.node.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/${each.value}"
}

resource "aws_eks_node_group" "default" {
  cluster_name    = aws_eks_cluster.this.name
  node_group_name = "default"
  node_role_arn   = aws_iam_role.node.arn
  subnet_ids      = data.aws_subnets.private.ids
  version         = var.kubernetes_version
  instance_types  = [var.instance_type]
  capacity_type   = "ON_DEMAND"

  scaling_config {
    min_size     = var.min_nodes * var.node_group_scale
    desired_size = var.desired_nodes
    max_size     = var.max_nodes
  }

  update_config {
    max_unavailable = 1
  }

  # The cluster autoscaler finds the group by these tags.
  tags = merge(local.tags, {
    "k8s.io/cluster-autoscaler/enabled"                 = "true"
    "k8s.io/cluster-autoscaler/${var.environment_name}" = "owned"
  })

  lifecycle {
    # The autoscaler owns the desired size after creation.
    ignore_changes = [scaling_config[0].desired_size]

    precondition {
      condition     = var.min_nodes <= var.desired_nodes && var.desired_nodes <= var.max_nodes
      error_message = "Node counts must satisfy min_nodes <= desired_nodes <= max_nodes."
    }
  }

  depends_on = [aws_iam_role_policy_attachment.node]
}

# --- IAM roles for service accounts ---------------------------------------------

data "aws_iam_policy_document" "irsa_assume" {
  for_each = local.irsa_enabled

  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.this.arn]
    }
    condition {
      test     = "StringEquals"
      variable = "${local.oidc_issuer}:sub"
      values   = ["system:serviceaccount:${each.value.namespace}:${each.value.service_account}"]
    }
    condition {
      test     = "StringEquals"
      variable = "${local.oidc_issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "irsa" {
  for_each           = local.irsa_enabled
  name               = "${var.environment_name}-${each.key}"
  assume_role_policy = data.aws_iam_policy_document.irsa_assume[each.key].json
  tags               = merge(local.tags, { "service-account" = "${each.value.namespace}/${each.value.service_account}" })
}

resource "aws_iam_policy" "irsa" {
  for_each    = { for k, v in local.irsa_enabled : k => v if k != "ebs-csi" }
  name        = "${var.environment_name}-${each.key}"
  description = "${each.key} in EKS environment ${var.environment_name}"
  policy      = local.irsa_policies[each.key]
  tags        = local.tags
}

resource "aws_iam_role_policy_attachment" "irsa" {
  for_each   = aws_iam_policy.irsa
  role       = aws_iam_role.irsa[each.key].name
  policy_arn = each.value.arn
}

resource "aws_iam_role_policy_attachment" "ebs_csi" {
  role       = aws_iam_role.irsa["ebs-csi"].name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"
}

resource "aws_eks_addon" "ebs_csi" {
  cluster_name             = aws_eks_cluster.this.name
  addon_name               = "aws-ebs-csi-driver"
  service_account_role_arn = aws_iam_role.irsa["ebs-csi"].arn
  tags                     = local.tags

  depends_on = [aws_eks_node_group.default, aws_iam_role_policy_attachment.ebs_csi]
}

# Pause and resume: desired_size is ignored after creation (the autoscaler
# owns it), so a change of node_group_scale sets the node group's size with
# the EKS API during terraform apply (the pipeline's AWS credentials).
resource "terraform_data" "node_group_scale" {
  triggers_replace = [var.node_group_scale]

  provisioner "local-exec" {
    command = "aws eks update-nodegroup-config --region ${var.region} --cluster-name ${aws_eks_cluster.this.name} --nodegroup-name ${aws_eks_node_group.default.node_group_name} --scaling-config minSize=${var.min_nodes * var.node_group_scale},maxSize=${var.max_nodes},desiredSize=${var.desired_nodes * var.node_group_scale}"
  }
}
